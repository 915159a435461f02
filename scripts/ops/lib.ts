/**
 * What the operator commands share: settings from the environment, positional arguments and usage text,
 * calls through Restate ingress with the API key, the admin SQL API, the lead's DynamoDB projection, and
 * the readable rendering of a lead.
 */
import type { ParseArgsOptionsConfig } from "node:util";
import { maskPhone, maskPhonesInText } from "common";
import { createDocumentClient, LeadStatesTable, tableNames } from "lead-processor";
import { restateRows, sqlString } from "lead-processor/ops";
import { z } from "zod";
import { CliError, describeError } from "../lib/cli";
import { type OptionValues, parseCommandLine } from "../lib/command-line";
import { DEFAULT_DEV_API_KEY, isUuid } from "../lib/dev-defaults";

export type Env = Record<string, string | undefined>;

/** Where the commands find the stack; every value comes from the environment (Bun also loads `.env`). */
export interface OpsSettings {
    ingress: string;
    admin: string;
    apiKey: string;
    /** Which variable the key came from, for messages (never the key itself). */
    apiKeyFrom: string;
    dynamoEndpoint: string | undefined;
    tablePrefix: string;
    region: string;
}

/** The settings block every command's `--help` ends with. */
export const SETTINGS_HELP = `settings (environment, also read from .env):
  RESTATE_INGRESS_URL   Restate ingress (default http://127.0.0.1:8080)
  RESTATE_ADMIN_URL     Restate admin API (default http://127.0.0.1:9070)
  API_KEY               API key sent as 'Authorization: Bearer <key>'; else INTERNAL_API_TOKEN; else
                        DEV_API_KEY or the dev stack's seeded key
  DYNAMODB_ENDPOINT     local DynamoDB (the dev stack's is http://127.0.0.1:8000); unset: AWS in AWS_REGION
  TABLE_PREFIX          table prefix (default DEV): <PREFIX>_Web2Text_LeadStates
  AWS_REGION            AWS region (default us-east-1)`;

const trimmed = (env: Env, name: string) => env[name]?.trim() || undefined;

function url(env: Env, name: string, fallback: string): string {
    const raw = trimmed(env, name) ?? fallback;
    try {
        new URL(raw);
    } catch {
        throw new CliError(`${name} '${raw}' is not a URL`, 2);
    }
    return raw.replace(/\/+$/, "");
}

export function opsSettings(env: Env = process.env): OpsSettings {
    const tablePrefix = trimmed(env, "TABLE_PREFIX") ?? "DEV";
    if (!/^[A-Z][A-Z0-9]*$/.test(tablePrefix)) {
        throw new CliError(`TABLE_PREFIX '${tablePrefix}' must be upper-case letters/digits such as DEV or PROD`, 2);
    }
    const keySource = ["API_KEY", "INTERNAL_API_TOKEN", "DEV_API_KEY"].find((name) => trimmed(env, name));
    return {
        ingress: url(env, "RESTATE_INGRESS_URL", "http://127.0.0.1:8080"),
        admin: url(env, "RESTATE_ADMIN_URL", "http://127.0.0.1:9070"),
        apiKey: keySource ? (trimmed(env, keySource) ?? "") : DEFAULT_DEV_API_KEY,
        apiKeyFrom: keySource ?? "the dev stack's seeded key",
        dynamoEndpoint: trimmed(env, "DYNAMODB_ENDPOINT"),
        tablePrefix,
        region: trimmed(env, "AWS_REGION") ?? "us-east-1",
    };
}

export interface Command<V> {
    name: string;
    usage: string;
    /** The settings block `--help` ends with (default: the operator commands' {@link SETTINGS_HELP}). */
    settingsHelp?: string;
    options: ParseArgsOptionsConfig;
    positionals: string[];
    parse: (positionals: string[], values: OptionValues) => V;
}

export type Parsed<V> = { help: true; text: string } | { help: false; args: V };

/** Parses a command line; bad arguments are one-line `CliError`s with exit code 2. */
export function parseCommand<V>(command: Command<V>, argv: string[]): Parsed<V> {
    const hint = `see bun run ${command.name} --help`;
    const parsed = parseCommandLine(argv, { options: command.options, positionals: true, hint });
    if (parsed === "help") {
        return { help: true, text: `${command.usage}\n\n${command.settingsHelp ?? SETTINGS_HELP}\n` };
    }
    const names = command.positionals;
    if (parsed.positionals.length < names.length) {
        throw new CliError(`missing ${names.slice(parsed.positionals.length).join(" ")}; ${hint}`, 2);
    }
    if (parsed.positionals.length > names.length) {
        throw new CliError(`unexpected argument '${parsed.positionals[names.length]}'; ${hint}`, 2);
    }
    try {
        return { help: false, args: command.parse(parsed.positionals, parsed.values) };
    } catch (error) {
        if (error instanceof CliError) throw new CliError(`${error.message}; ${hint}`, error.exitCode);
        throw error;
    }
}

/** A lead id argument: must be a UUID (the Lead object refuses anything else). */
export function leadIdArgument(value: string | undefined): string {
    const id = value?.trim() ?? "";
    if (!isUuid(id)) throw new CliError(`'${id}' is not a lead id (a UUID)`, 2);
    return id.toLowerCase();
}

/** A Restate error body, or the start of whatever else came back. */
function errorMessage(text: string): string {
    try {
        const body = JSON.parse(text) as { message?: unknown };
        if (typeof body.message === "string") return body.message;
    } catch {
        // not JSON
    }
    return text.replace(/\s+/g, " ").trim().slice(0, 300) || "(empty body)";
}

/** Calls a handler through Restate ingress with the API key; non-2xx answers become one-line errors. */
export async function callIngress<T>(
    settings: OpsSettings,
    path: string,
    options: {
        method?: "GET" | "POST";
        body?: unknown;
        timeoutMs?: number;
        /** The API-key endpoint string, for the 401 message. */
        endpoint: string;
        /** What the call does, for error messages: "sync lead <id>". */
        action: string;
    },
): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    let res: Response;
    try {
        res = await fetch(`${settings.ingress}${path}`, {
            method: options.method ?? "POST",
            headers: {
                authorization: `Bearer ${settings.apiKey}`,
                ...(options.body === undefined ? {} : { "content-type": "application/json" }),
            },
            body: options.body === undefined ? undefined : JSON.stringify(options.body),
            signal: AbortSignal.timeout(timeoutMs),
        });
    } catch (error) {
        if (error instanceof Error && error.name === "TimeoutError") {
            throw new CliError(`no answer within ${timeoutMs / 1000} s to ${options.action}`);
        }
        throw new CliError(
            `cannot reach Restate ingress at ${settings.ingress} (${describeError(error)}); is the stack running (bun run dev)? Set RESTATE_INGRESS_URL to point elsewhere`,
        );
    }
    const text = await res.text();
    if (res.status === 401) {
        throw new CliError(
            `the API key from ${settings.apiKeyFrom} was refused (${errorMessage(text)}); set API_KEY to a key allowed '${options.endpoint}'`,
        );
    }
    if (!res.ok) throw new CliError(`could not ${options.action} (${res.status}): ${errorMessage(text)}`);
    return (text ? JSON.parse(text) : undefined) as T;
}

/** One invocation of the lead's object, as `sys_invocation` has it (the admin API leaves out null columns). */
export const InvocationRow = z.object({
    id: z.string(),
    target: z.string(),
    target_handler_name: z.string(),
    status: z.string(),
    created_at: z.string(),
    modified_at: z.string().nullish(),
    invoked_by: z.string(),
    invoked_by_target: z.string().nullish(),
    retry_count: z.number().nullish(),
    last_failure: z.string().nullish(),
    completion_result: z.string().nullish(),
    completion_failure: z.string().nullish(),
    trace_id: z.string().nullish(),
});
export type InvocationRow = z.output<typeof InvocationRow>;

/** The SQL `lead:show` runs against the admin API (also in docs/operations.md). */
export function invocationsQuery(leadId: string): string {
    return [
        "SELECT id, target, target_handler_name, status, created_at, modified_at, invoked_by, invoked_by_target,",
        "       retry_count, last_failure, completion_result, completion_failure, trace_id",
        "FROM sys_invocation",
        `WHERE target_service_name = 'Lead' AND target_service_key = ${sqlString(leadId)}`,
        "ORDER BY created_at",
    ].join("\n");
}

/** Runs a query on the Restate admin SQL API (the one `restateRows`), naming the admin URL when it fails. */
export async function adminQuery<T>(settings: OpsSettings, sql: string, row: z.ZodType<T>): Promise<T[]> {
    try {
        return await restateRows(settings.admin, sql, row);
    } catch (error) {
        throw new Error(`the Restate admin API at ${settings.admin} could not answer (${describeError(error)})`);
    }
}

/** Where the projection lives, for messages. */
export function projectionWhere(settings: OpsSettings): string {
    return `${tableNames(settings.tablePrefix).leadStates} at ${settings.dynamoEndpoint ?? `AWS ${settings.region}`}`;
}

/** The lead's item in `<PREFIX>_Web2Text_LeadStates`, or undefined. */
export async function readProjection(
    settings: OpsSettings,
    leadId: string,
): Promise<Record<string, unknown> | undefined> {
    const db = createDocumentClient({ region: settings.region, endpoint: settings.dynamoEndpoint });
    try {
        return await new LeadStatesTable(db, tableNames(settings.tablePrefix).leadStates).get(leadId);
    } catch (error) {
        const reason =
            error instanceof Error && error.name === "ResourceNotFoundException"
                ? "the table does not exist; check TABLE_PREFIX and DYNAMODB_ENDPOINT"
                : describeError(error);
        throw new Error(`cannot read ${projectionWhere(settings)}: ${reason}`);
    } finally {
        db.destroy();
    }
}

/** A lead as the Lead handlers answer it (only what the commands show). */
export interface LeadView {
    Status: string;
    LeadId?: string;
    LeadType?: string;
    UniversalRetailerId?: string;
    DateSubmitted?: string;
    CloseReason?: string;
    Lead?: Record<string, unknown>;
    Integrations?: Record<string, IntegrationView>;
}

export interface IntegrationView {
    SyncStatus: string;
    LastSynced?: string;
    ErrorInfo?: { Message?: string; ErrorDate?: string; Details?: unknown };
}

export const row = (label: string, value: string) => `  ${label.padEnd(14)} ${value}`.trimEnd();

/** One line per integration: name, SyncStatus, LastSynced and, in ERROR, what failed. */
export function integrationLines(integrations: Record<string, IntegrationView> | undefined): string[] {
    const entries = Object.entries(integrations ?? {});
    if (entries.length === 0) return ["    (none yet: the lead has not synced)"];
    const width = Math.max(...entries.map(([name]) => name.length));
    return entries.map(([name, state]) => {
        const synced = state.LastSynced ? `last synced ${state.LastSynced}` : "never synced";
        const error = state.ErrorInfo
            ? `  error: ${state.ErrorInfo.Message ?? "?"}${state.ErrorInfo.ErrorDate ? ` (${state.ErrorInfo.ErrorDate})` : ""}${detail(state.ErrorInfo.Details)}`
            : "";
        return `    ${name.padEnd(width)}  ${state.SyncStatus.padEnd(10)}  ${synced}${error}`;
    });
}

/** A short, phone-masked rendering of an error's details. */
function detail(details: unknown): string {
    if (details === undefined || details === null) return "";
    const text = typeof details === "string" ? details : JSON.stringify(details);
    return ` — ${maskPhonesInText(text).slice(0, 200)}`;
}

export { maskPhone, maskPhonesInText };
