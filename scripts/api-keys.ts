/**
 * `bun scripts/api-keys.ts <command>` — manages the API keys callers send as `Authorization: Bearer <key>`,
 * in `<TABLE_PREFIX>_Web2Text_APIKeys` (prefix default DEV) on `DYNAMODB_ENDPOINT` (local), or on AWS
 * DynamoDB in `AWS_REGION` with the default credential chain when `DYNAMODB_ENDPOINT` is unset.
 *
 *   create --endpoints Lead/create,Lead/status [--description "Prairie Floors website"]
 *       stores a new active key and prints it ONCE (list shows only its first 8 characters)
 *   list
 *       one line per key: prefix, active/inactive, created, endpoints, description
 *   deactivate <key, or its first 8+ characters as list shows them>
 *       marks the key inactive (the lead processor caches key lookups for up to 30 s)
 */
import { type ApiKeyRecord, ApiKeysTable, createDocumentClient, KNOWN_ENDPOINTS, tableNames } from "lead-processor";
import { CliError, describeError, runCli, say } from "./lib/cli";
import { parseCommandLine } from "./lib/command-line";

const NAME = "api-keys";
const USAGE = "usage: bun run api-keys create --endpoints <e1,e2|*> [--description <text>] | list | deactivate <key>";
const HELP = `${USAGE}

  create --endpoints <e1,e2|*> [--description <text>]
      stores a new active key and prints it once
  list
      one line per key: its first 8 characters, active/inactive, created, endpoints, description
  deactivate <key, or its first 8+ characters>
      marks the key inactive

endpoints: * or ${KNOWN_ENDPOINTS.join(", ")}
settings: TABLE_PREFIX (default DEV), DYNAMODB_ENDPOINT (unset: AWS DynamoDB in AWS_REGION, default us-east-1)
`;

/** The key table named by the environment, and a description of where it lives for messages. */
function keyTable(env: Record<string, string | undefined>) {
    const prefix = env.TABLE_PREFIX || "DEV";
    if (!/^[A-Z][A-Z0-9]*$/.test(prefix))
        throw new CliError(`TABLE_PREFIX '${prefix}' must be upper-case letters/digits`, 2);
    const endpoint = env.DYNAMODB_ENDPOINT || undefined;
    const region = env.AWS_REGION || "us-east-1";
    const table = new ApiKeysTable(createDocumentClient({ region, endpoint }), tableNames(prefix).apiKeys);
    return { table, where: `${table.tableName} at ${endpoint ?? `AWS ${region}`}` };
}

/** Turns DynamoDB failures into one actionable line. */
async function store<T>(where: string, action: () => Promise<T>): Promise<T> {
    try {
        return await action();
    } catch (error) {
        if (error instanceof Error && error.name === "ResourceNotFoundException") {
            throw new CliError(`table ${where} does not exist; check TABLE_PREFIX and DYNAMODB_ENDPOINT`);
        }
        throw new CliError(`cannot use ${where}: ${describeError(error)}`);
    }
}

/** Parses `--endpoints`: `*` or known endpoint strings, comma-separated. */
export function parseEndpoints(value: string | undefined): string[] {
    if (!value) throw new CliError(`create needs --endpoints; ${USAGE}`, 2);
    const endpoints = [
        ...new Set(
            value
                .split(",")
                .map((e) => e.trim())
                .filter(Boolean),
        ),
    ];
    const known: readonly string[] = KNOWN_ENDPOINTS;
    const unknown = endpoints.filter((e) => e !== "*" && !known.includes(e));
    if (endpoints.length === 0 || unknown.length > 0) {
        throw new CliError(
            `unknown endpoint(s) ${unknown.join(", ") || "(none given)"}; use * or ${KNOWN_ENDPOINTS.join(", ")}`,
            2,
        );
    }
    return endpoints;
}

const shortKey = (key: string) => `${key.slice(0, 8)}…`;

async function create(env: Record<string, string | undefined>, endpoints: string[], description?: string) {
    const { table, where } = keyTable(env);
    const record: ApiKeyRecord = {
        API_Key: crypto.randomUUID(),
        Active: true,
        AuthorizedEndpoints: endpoints,
        DateCreated: new Date().toISOString(),
        ...(description ? { Description: description } : {}),
    };
    await store(where, () => table.put(record));
    say(NAME, `created an active key for ${endpoints.join(", ")} in ${where}`);
    process.stdout.write(`${record.API_Key}\n`);
    say(NAME, "store it now: it is not shown again");
}

async function list(env: Record<string, string | undefined>) {
    const { table, where } = keyTable(env);
    const keys = await store(where, () => table.list());
    say(NAME, `${keys.length} key(s) in ${where}`);
    for (const k of keys.sort((a, b) => a.DateCreated.localeCompare(b.DateCreated))) {
        const state = k.Active ? "active  " : "inactive";
        process.stdout.write(
            `${shortKey(k.API_Key)}  ${state}  ${k.DateCreated}  ${k.AuthorizedEndpoints.join(",")}  ${k.Description ?? ""}\n`,
        );
    }
}

async function deactivate(env: Record<string, string | undefined>, given: string | undefined) {
    const wanted = given?.replace(/…$/, "").toLowerCase();
    if (!wanted || wanted.length < 8)
        throw new CliError(`deactivate needs a key or its first 8+ characters; ${USAGE}`, 2);
    const { table, where } = keyTable(env);
    const matches = (await store(where, () => table.list())).filter((k) => k.API_Key.toLowerCase().startsWith(wanted));
    if (matches.length === 0) throw new CliError(`no API key starting with '${wanted}' in ${where}`);
    if (matches.length > 1) throw new CliError(`'${wanted}' matches ${matches.length} keys; give more characters`);
    const [match] = matches;
    if (!match) return;
    await store(where, () => table.setActive(match.API_Key, false));
    say(NAME, `deactivated ${shortKey(match.API_Key)} (${match.AuthorizedEndpoints.join(",")})`);
}

/** Runs one command line. */
export async function apiKeysCommand(argv: string[], env: Record<string, string | undefined> = process.env) {
    const parsed = parseCommandLine(argv, {
        options: { endpoints: { type: "string" }, description: { type: "string" } },
        positionals: true,
        hint: USAGE,
    });
    if (parsed === "help") {
        process.stdout.write(HELP);
        return;
    }
    const [command, argument, extra] = parsed.positionals;
    if (extra !== undefined || (argument !== undefined && command !== "deactivate")) {
        throw new CliError(`unexpected argument '${extra ?? argument}'; ${USAGE}`, 2);
    }
    if (command === "create") return create(env, parseEndpoints(parsed.values.endpoints), parsed.values.description);
    if (command === "list") return list(env);
    if (command === "deactivate") return deactivate(env, argument);
    throw new CliError(command ? `unknown command '${command}'; ${USAGE}` : `missing command; ${USAGE}`, 2);
}

if (import.meta.main) await runCli(NAME, () => apiKeysCommand(process.argv.slice(2)));
