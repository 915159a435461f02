import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localDynamoClient, type RestateNodeCount, type Stack, type StackSettings, startStack } from "devstack";
import { tableNames } from "lead-processor";
import type { ExternalStack } from "./args";

/** The processes whose CPU and memory the bench reads, by report name. */
export const PROCESS_NAMES = ["leadProcessor", "restate", "dynamo", "sandbox", "proxy"] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

/** The stack a run drives. */
export interface Target {
    ingress: string;
    admin: string;
    sandbox: string;
    dynamo: string;
    apiKey: string;
    tables: ReturnType<typeof tableNames>;
    db: DynamoDBClient;
    /** Process ids of the parts now, when the bench started the stack itself (a restarted part has a new one). */
    pids(): Partial<Record<ProcessName, number>>;
    /** Process ids of every restate-server node now (one, or three for a cluster); none for a running stack. */
    restatePids(): number[];
    /** Set when the bench started the stack (it then may restart parts, e.g. the proxy after pool changes). */
    own: Stack | undefined;
    stop(): Promise<void>;
}

/** The lead processor entry that serves the real services plus the `BenchFloor` object. */
export const FLOOR_ENTRY = "bench/floor-service.ts";

/** Starts a stack of its own on free ports (dynalite in memory, restate-server sized by `settings`). */
export async function startOwnTarget(
    options: {
        settings: StackSettings;
        logDir?: string | undefined;
        cpuProfDir?: string | undefined;
        restateEnv?: Record<string, string>;
        serviceEnv?: Record<string, string>;
        /** A three-node Restate cluster instead of one restate-server (the `acton-cluster` row). */
        restateNodes?: RestateNodeCount;
    },
    onExit: (line: string) => void,
): Promise<Target> {
    const stack = await startStack({
        leadProcessorEntry: FLOOR_ENTRY,
        settings: options.settings,
        restateNodes: options.restateNodes ?? 1,
        ...(options.logDir ? { logDir: options.logDir } : {}),
        ...(options.restateEnv && Object.keys(options.restateEnv).length > 0 ? { restateEnv: options.restateEnv } : {}),
        leadProcessorEnv: serviceEnvWithProfiler(options.serviceEnv ?? {}, options.cpuProfDir),
        onUnexpectedExit: ({ name, code, signal, lastLines }) =>
            onExit(`${name} exited (code ${code}, signal ${signal}):\n    ${lastLines.slice(-10).join("\n    ")}`),
    });
    const pids = () => {
        const out: Partial<Record<ProcessName, number>> = {};
        for (const name of PROCESS_NAMES) {
            const pid = stack.parts[name].pid;
            if (pid) out[name] = pid;
        }
        return out;
    };
    const db = localDynamoClient(stack.urls.dynamo);
    return {
        ingress: stack.urls.ingress,
        admin: stack.urls.admin,
        sandbox: stack.urls.sandbox,
        dynamo: stack.urls.dynamo,
        apiKey: stack.apiKey,
        tables: tableNames(stack.tablePrefix),
        db,
        pids,
        restatePids: () => stack.restateNodes.flatMap((node) => node.process.pid ?? []),
        own: stack,
        stop: async () => {
            db.destroy();
            await stack.stop();
        },
    };
}

/**
 * The lead processor's extra settings: the experiment's, plus (with a profile folder) Bun's CPU profiler, which
 * Bun takes from BUN_OPTIONS (extra command-line flags) and writes as Markdown when the process exits.
 */
export function serviceEnvWithProfiler(
    serviceEnv: Record<string, string>,
    cpuProfDir: string | undefined,
): Record<string, string> {
    if (!cpuProfDir) return serviceEnv;
    const flags = [serviceEnv.BUN_OPTIONS, `--cpu-prof-md --cpu-prof-dir=${cpuProfDir}`].filter(Boolean).join(" ");
    return { ...serviceEnv, BUN_OPTIONS: flags };
}

/** A running stack given by URLs. */
export function externalTarget(ext: ExternalStack): Target {
    const db = localDynamoClient(ext.dynamo);
    return {
        ingress: ext.ingress,
        admin: ext.admin,
        sandbox: ext.sandbox,
        dynamo: ext.dynamo,
        apiKey: ext.apiKey,
        tables: tableNames(ext.tablePrefix),
        db,
        pids: () => ({}),
        restatePids: () => [],
        own: undefined,
        stop: async () => db.destroy(),
    };
}

/** An answer of the product: status and raw text (JSON parsed lazily by callers). */
export interface Answer {
    status: number;
    text: string;
}

/** POSTs JSON through Restate ingress with the stack's all-endpoints key; throws on a non-200 answer. */
export async function ingressPost(t: Target, path: string, body: unknown, auth = true): Promise<Answer> {
    const res = await fetch(`${t.ingress}${path}`, {
        method: "POST",
        headers: {
            "content-type": "application/json",
            ...(auth ? { authorization: `Bearer ${t.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200)
        throw new Error(`${path.replace(/[0-9a-f-]{36}/, "{id}")}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, text };
}

/** Runs a query on Restate's admin SQL endpoint and returns the rows. */
export async function restateSql(t: Target, query: string): Promise<Record<string, unknown>[]> {
    const res = await fetch(`${t.admin}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin query: HTTP ${res.status} ${text.slice(0, 300)}`);
    const parsed = JSON.parse(text) as { rows?: Record<string, unknown>[] };
    return parsed.rows ?? [];
}

/** The number the first row's first column holds (for `SELECT count(*) …`). */
export async function sqlCount(t: Target, query: string): Promise<number> {
    const rows = await restateSql(t, query);
    const first = rows[0];
    return first ? Number(Object.values(first)[0] ?? 0) : 0;
}

/** SQL string literal. */
export const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Waits until Restate has no invocation in flight (none but completed ones and delayed calls not yet due), seen
 * `settle` times in a row `everyMs` apart (so a webhook posted a moment after the last invocation ended is still
 * waited for). Returns false on timeout.
 */
export async function waitIdle(t: Target, timeoutMs: number, everyMs = 200, settle = 3): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    let quiet = 0;
    while (performance.now() < deadline) {
        // A delayed call not yet due (a WEB2TEXT lead's reconcile timer) is not work in flight.
        const busy = await sqlCount(
            t,
            "SELECT count(*) AS n FROM sys_invocation WHERE status NOT IN ('completed', 'scheduled')",
        ).catch(() => 1);
        quiet = busy === 0 ? quiet + 1 : 0;
        if (quiet >= settle) return true;
        await Bun.sleep(everyMs);
    }
    return false;
}

/** Polls `probe` every `everyMs` until it returns true; returns the time it first did (performance.now), or undefined. */
export async function pollUntil(
    probe: () => Promise<boolean>,
    timeoutMs: number,
    everyMs: number,
): Promise<number | undefined> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
        if (await probe().catch(() => false)) return performance.now();
        await Bun.sleep(everyMs);
    }
    return undefined;
}

/**
 * When the last of the leads whose id starts with `prefix` finished its first `Lead/{id}/sync`, as Restate
 * recorded it (`completed_at`, epoch ms), and how many leads have one. Used to time "every lead synced"
 * exactly while the completion poll itself runs only once a second.
 */
export async function lastFirstSync(t: Target, prefix: string): Promise<{ leads: number; lastMs: number | undefined }> {
    const rows = await restateSql(
        t,
        `SELECT target_service_key AS k, min(completed_at) AS first FROM sys_invocation WHERE target_service_name = 'Lead' AND target_handler_name = 'sync' AND status = 'completed' AND target_service_key LIKE ${sqlString(`${prefix}%`)} GROUP BY target_service_key`,
    );
    let lastMs: number | undefined;
    for (const row of rows) {
        const ms = Date.parse(String(row.first));
        if (Number.isFinite(ms) && (lastMs === undefined || ms > lastMs)) lastMs = ms;
    }
    return { leads: rows.length, lastMs };
}
