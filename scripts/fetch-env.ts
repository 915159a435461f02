/**
 * `bun scripts/fetch-env.ts --secretName <name> --operation merge|overwrite [--file <path>]`
 *
 * Reads a JSON-object secret from AWS Secrets Manager and writes its keys into a `.env` file (default `./.env`):
 * - `merge`     appends keys the file lacks and fills keys whose value is empty;
 * - `overwrite` appends keys the file lacks and replaces every value that differs.
 * Comments, blank lines and order are kept; values containing `=` are kept whole. The file is written to a
 * temporary file next to it and renamed over it, so it is never truncated or half-written.
 * Prints counts and key names, never values. Region: `AWS_REGION` (default us-east-1).
 */
import {
    closeSync,
    existsSync,
    fsyncSync,
    openSync,
    realpathSync,
    renameSync,
    rmSync,
    statSync,
    writeSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { CliError, describeError, runCli, say } from "./lib/cli";
import { parseCommandLine } from "./lib/command-line";
import {
    applySecret,
    type EnvOperation,
    parseEnvFile,
    secretToEnvMap,
    serializeEnvFile,
    UnrepresentableValueError,
} from "./lib/env-file";

const NAME = "fetch-env";
const USAGE = "usage: bun scripts/fetch-env.ts --secretName <name> --operation merge|overwrite [--file <path>]";

interface Args {
    secretName: string;
    operation: EnvOperation;
    file: string;
}

/** Parses the command line; bad arguments are one-line `CliError`s with exit code 2. */
export function parseFetchEnvArgs(argv: string[]): Args | "help" {
    const parsed = parseCommandLine(argv, {
        options: { secretName: { type: "string" }, operation: { type: "string" }, file: { type: "string" } },
        hint: USAGE,
    });
    if (parsed === "help") return "help";
    const { secretName, operation, file } = parsed.values;
    if (!secretName) throw new CliError(`missing --secretName <name> (e.g. web2text-dev-env); ${USAGE}`, 2);
    if (operation === undefined) throw new CliError(`missing --operation merge|overwrite; ${USAGE}`, 2);
    if (operation !== "merge" && operation !== "overwrite") {
        throw new CliError(`unknown --operation '${operation}'; use merge or overwrite`, 2);
    }
    return { secretName, operation, file: file ?? ".env" };
}

async function readSecret(secretName: string, region: string): Promise<Record<string, string>> {
    const client = new SecretsManagerClient({ region });
    let secretString: string | undefined;
    try {
        const out = await client.send(new GetSecretValueCommand({ SecretId: secretName }));
        secretString = out.SecretString;
    } catch (error) {
        const name = error instanceof Error ? error.name : "";
        if (name === "CredentialsProviderError" || name === "TokenProviderError") {
            throw new CliError(
                "no usable AWS credentials; sign in with `aws sso login` (set AWS_PROFILE if you use several profiles) and retry",
            );
        }
        if (name === "ResourceNotFoundException") {
            throw new CliError(`secret '${secretName}' was not found in AWS Secrets Manager (region ${region})`);
        }
        throw new CliError(
            `could not read secret '${secretName}' (region ${region}): ${name || "Error"}: ${describeError(error)}`,
        );
    } finally {
        client.destroy();
    }
    if (secretString === undefined) {
        throw new CliError(`secret '${secretName}' has no string value (binary secrets are not supported)`);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(secretString);
    } catch {
        throw new CliError(`secret '${secretName}' is not JSON; expected a JSON object of strings`);
    }
    const map = secretToEnvMap(parsed);
    if (!map.ok) throw new CliError(`secret '${secretName}' ${map.problem}; expected a JSON object of strings`);
    return map.values;
}

/** Writes `text` to a temporary file beside `target`, flushes it, then renames it over `target`. */
export function writeFileAtomically(target: string, text: string): void {
    const real = existsSync(target) ? realpathSync(target) : target;
    const mode = existsSync(real) ? statSync(real).mode & 0o777 : 0o600;
    const temp = join(dirname(real), `.${basename(real)}.${process.pid}.${Date.now()}.tmp`);
    try {
        const fd = openSync(temp, "wx", mode);
        try {
            writeSync(fd, text);
            fsyncSync(fd);
        } finally {
            closeSync(fd);
        }
        renameSync(temp, real);
    } catch (error) {
        rmSync(temp, { force: true });
        throw error;
    }
}

async function main(): Promise<void> {
    const args = parseFetchEnvArgs(process.argv.slice(2));
    if (args === "help") {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    const target = resolve(args.file);
    if (!existsSync(dirname(target))) throw new CliError(`folder of ${args.file} does not exist`, 2);
    const region = process.env.AWS_REGION || "us-east-1";
    const secret = await readSecret(args.secretName, region);

    const before = existsSync(target) ? await Bun.file(target).text() : "";
    let result: ReturnType<typeof applySecret>;
    try {
        result = applySecret(parseEnvFile(before), secret, args.operation);
    } catch (error) {
        if (error instanceof UnrepresentableValueError) throw new CliError(`${error.message}; .env left unchanged`);
        throw error;
    }
    const shown = relative(process.cwd(), target) || target;
    const verb = args.operation === "merge" ? "filled" : "replaced";
    const list = (keys: string[]) => (keys.length > 0 ? ` (${keys.join(", ")})` : "");
    const summary =
        `${result.appended.length} appended${list(result.appended)}, ` +
        `${result.updated.length} ${verb}${list(result.updated)}, ${result.unchanged.length} unchanged`;
    if (result.appended.length === 0 && result.updated.length === 0) {
        say(NAME, `${args.operation} of secret '${args.secretName}' into ${shown}: nothing to change (${summary})`);
        return;
    }
    writeFileAtomically(target, serializeEnvFile(result.file));
    say(NAME, `${args.operation} of secret '${args.secretName}' into ${shown}: ${summary}`);
}

if (import.meta.main) await runCli(NAME, main);
