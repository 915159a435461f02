/**
 * `bun run deploy <module> <environment> [--dry-run] [-- <extra cdk args>]`
 *
 *   module       lead_processor | twilio_proxy | restate_server | all
 *   environment  development | production
 *   --dry-run    synthesise the module's stacks offline (`cdk synth`) and print the plan; no AWS access
 *
 * Without --dry-run: checks that AWS credentials exist (and, when the AWS CLI is installed, that they belong to
 * the environment's account), then runs `cdk deploy <stacks> --exclusively --context env=<environment>`.
 * Exit codes: 0 ok, 1 credentials or cdk failure, 2 bad arguments.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
    ENVIRONMENT_NAMES,
    type EnvironmentName,
    isEnvironmentName,
    isModuleName,
    MODULE_NAMES,
    type ModuleName,
    stacksForModule,
} from "../lib/names";

export const USAGE = `usage: bun run deploy <${MODULE_NAMES.join("|")}> <${ENVIRONMENT_NAMES.join("|")}> [--dry-run] [-- <cdk args>]`;

export interface DeployArgs {
    module: ModuleName;
    environment: EnvironmentName;
    dryRun: boolean;
    /** Arguments after `--`, passed to cdk unchanged (e.g. `--require-approval never`). */
    cdkArgs: string[];
}

export type ParsedArgs = { kind: "deploy"; args: DeployArgs } | { kind: "help" } | { kind: "error"; message: string };

/**
 * Pure argument parsing with `node:util`'s `parseArgs` (its tokens tell options from positionals and find the
 * `--` after which everything goes to cdk); every error is a single line.
 */
export function parseDeployArgs(argv: readonly string[]): ParsedArgs {
    const { tokens } = parseArgs({
        args: [...argv],
        options: { "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
        allowPositionals: true,
        strict: false,
        tokens: true,
    });
    const separator = tokens.find((token) => token.kind === "option-terminator")?.index ?? argv.length;
    const own = tokens.filter((token) => token.index < separator);
    const cdkArgs = argv.slice(separator + 1);
    const options = own.flatMap((token) => (token.kind === "option" ? [token] : []));
    if (options.some((option) => option.name === "help")) return { kind: "help" };
    for (const option of options) {
        if (option.name !== "dry-run")
            return { kind: "error", message: `unknown option "${option.rawName}"; ${USAGE}` };
        if (option.value !== undefined) return { kind: "error", message: `"--dry-run" takes no value; ${USAGE}` };
    }
    const positional = own.flatMap((token) => (token.kind === "positional" ? [token.value] : []));
    const dryRun = options.length > 0;
    const [module, environment, ...extra] = positional;
    if (module === undefined || environment === undefined) {
        return { kind: "error", message: `missing ${module === undefined ? "module" : "environment"}; ${USAGE}` };
    }
    if (extra.length > 0) return { kind: "error", message: `unexpected argument "${extra[0]}"; ${USAGE}` };
    if (!isModuleName(module)) {
        return { kind: "error", message: `unknown module "${module}" (expected ${MODULE_NAMES.join(", ")})` };
    }
    if (!isEnvironmentName(environment)) {
        return {
            kind: "error",
            message: `unknown environment "${environment}" (expected ${ENVIRONMENT_NAMES.join(", ")})`,
        };
    }
    return { kind: "deploy", args: { module, environment, dryRun, cdkArgs } };
}

/**
 * Where the AWS SDK/CLI would find credentials, judged by presence only (values are never read).
 * Returns undefined when there is no source at all.
 */
export function credentialSource(
    env: Readonly<Record<string, string | undefined>>,
    fileExists: (file: string) => boolean = existsSync,
    home: string = homedir(),
): string | undefined {
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return "environment variables";
    if (env.AWS_PROFILE) return `profile ${env.AWS_PROFILE}`;
    if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return "web identity";
    if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return "container";
    const files = [
        env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, ".aws", "credentials"),
        env.AWS_CONFIG_FILE ?? path.join(home, ".aws", "config"),
    ];
    const found = files.find((file) => fileExists(file));
    return found ? `shared config (${found})` : undefined;
}

export interface CommandResult {
    status: number | null;
    stdout: string;
    stderr: string;
    missing?: boolean;
}

export type Runner = (command: string, args: string[]) => CommandResult;

const defaultRunner: Runner = (command, args) => {
    const result = spawnSync(command, args, { encoding: "utf8", timeout: 30_000 });
    const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
    return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", missing };
};

/**
 * Checks credentials before deploying. Returns an error line, or undefined when deploying may proceed.
 * When the AWS CLI is installed it asks STS who the caller is and compares the account.
 */
export function checkCredentials(
    expectedAccount: string,
    env: Readonly<Record<string, string | undefined>>,
    run: Runner = defaultRunner,
    fileExists?: (file: string) => boolean,
    home?: string,
): string | undefined {
    const source = credentialSource(env, fileExists, home);
    if (!source) {
        return "no AWS credentials found: set AWS_PROFILE (e.g. after `aws sso login`) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
    }
    const sts = run("aws", ["sts", "get-caller-identity", "--output", "json"]);
    if (sts.missing) return undefined; // No AWS CLI: cdk itself reports unusable credentials.
    if (sts.status !== 0) {
        const reason = sts.stderr.trim().split("\n").pop() ?? "unknown error";
        return `AWS credentials from ${source} are not usable: ${reason}`;
    }
    let account: unknown;
    try {
        account = (JSON.parse(sts.stdout) as { Account?: unknown }).Account;
    } catch {
        return `could not read the caller identity returned by aws sts get-caller-identity`;
    }
    if (account !== expectedAccount) {
        return `AWS credentials from ${source} are for account ${String(account)}, but this environment deploys to ${expectedAccount}`;
    }
    return undefined;
}

const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CDK_BIN = path.join(MODULE_DIR, "node_modules", ".bin", "cdk");

/** The `cdk` command line for a deploy or a dry-run synth (output into `outdir`). */
export function cdkCommand(args: DeployArgs, outdir?: string): string[] {
    const stacks = stacksForModule(args.module, args.environment);
    const common = ["--exclusively", "--context", `env=${args.environment}`, "--no-notices"];
    if (args.dryRun) {
        return ["synth", ...stacks, ...common, "--quiet", ...(outdir ? ["--output", outdir] : []), ...args.cdkArgs];
    }
    return ["deploy", ...stacks, ...common, ...args.cdkArgs];
}

async function main(argv: string[]): Promise<number> {
    const parsed = parseDeployArgs(argv);
    if (parsed.kind === "help") {
        console.log(USAGE);
        return 0;
    }
    if (parsed.kind === "error") {
        console.error(`deploy: ${parsed.message}`);
        return 2;
    }
    const args = parsed.args;
    const { loadEnvironment } = await import("../config/environments");
    const settings = loadEnvironment(args.environment);
    const stacks = stacksForModule(args.module, args.environment);
    const env = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: "true" };

    if (args.dryRun) {
        const outdir = path.join(MODULE_DIR, "cdk.out", `plan-${args.environment}`);
        const synth = spawnSync(CDK_BIN, cdkCommand(args, outdir), { cwd: MODULE_DIR, stdio: "inherit", env });
        if (synth.status !== 0) {
            console.error(`deploy: cdk synth failed (exit ${synth.status ?? synth.signal})`);
            return 1;
        }
        const { formatPlan, planStack } = await import("../lib/plan");
        const header =
            `Plan for ${args.module} in ${args.environment} (account ${settings.account}, ${settings.region}); ` +
            `dry run, nothing deployed. Assembly: ${outdir}`;
        console.log(
            formatPlan(
                header,
                stacks.map((name) => planStack(outdir, name)),
            ),
        );
        console.log(`Would run: cdk ${cdkCommand({ ...args, dryRun: false }).join(" ")}`);
        return 0;
    }

    const problem = checkCredentials(settings.account, process.env);
    if (problem) {
        console.error(`deploy: ${problem}`);
        return 1;
    }
    const deploy = spawnSync(CDK_BIN, cdkCommand(args), { cwd: MODULE_DIR, stdio: "inherit", env });
    return deploy.status === 0 ? 0 : 1;
}

if (import.meta.main) {
    process.exit(await main(process.argv.slice(2)));
}
