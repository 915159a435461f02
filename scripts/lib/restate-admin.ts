import { CliError, describeError } from "./cli";

/** A small client for the parts of the Restate admin API (port 9070) the scripts use. */
export class RestateAdmin {
    constructor(readonly url: string) {}

    private async request(method: string, path: string, body?: unknown): Promise<Response> {
        try {
            return await fetch(`${this.url}${path}`, {
                method,
                headers: { "content-type": "application/json", accept: "application/json" },
                body: body === undefined ? undefined : JSON.stringify(body),
                signal: AbortSignal.timeout(15_000),
            });
        } catch (error) {
            throw new CliError(
                `cannot reach the Restate admin API at ${this.url} (${describeError(error)}); is the stack running (bun run dev)? Set RESTATE_ADMIN_URL to point elsewhere`,
            );
        }
    }

    private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
        const res = await this.request(method, path, body);
        const text = await res.text();
        if (!res.ok) throw new CliError(`Restate admin ${method} ${path} answered ${res.status}: ${oneLine(text)}`);
        return (text ? JSON.parse(text) : undefined) as T;
    }

    async query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
        const out = await this.json<{ rows: T[] }>("POST", "/query", { query: sql });
        return out.rows;
    }

    /** Names of the services Restate knows (i.e. registered through some deployment). */
    async serviceNames(): Promise<string[]> {
        const out = await this.json<{ services: { name: string }[] }>("GET", "/services");
        return out.services.map((s) => s.name);
    }

    async deployments(): Promise<{ id: string; uri?: string; services: { name: string }[] }[]> {
        const out = await this.json<{ deployments: { id: string; uri?: string; services: { name: string }[] }[] }>(
            "GET",
            "/deployments",
        );
        return out.deployments;
    }

    /** Kills an invocation; false when it already finished or is gone. */
    async kill(invocationId: string): Promise<boolean> {
        const res = await this.request("PATCH", `/invocations/${encodeURIComponent(invocationId)}/kill`);
        const text = await res.text();
        if (res.ok) return true;
        if (res.status === 404 || res.status === 409) return false;
        throw new CliError(`Restate admin could not kill ${invocationId}: ${res.status} ${oneLine(text)}`);
    }

    /** Removes a completed invocation (its result, journal and idempotency key); false when gone or not completed. */
    async purge(invocationId: string): Promise<boolean> {
        const res = await this.request("PATCH", `/invocations/${encodeURIComponent(invocationId)}/purge`);
        const text = await res.text();
        if (res.ok) return true;
        if (res.status === 404 || res.status === 409) return false;
        throw new CliError(`Restate admin could not purge ${invocationId}: ${res.status} ${oneLine(text)}`);
    }

    /** Replaces one virtual object's whole state (empty object = cleared). */
    async setState(service: string, key: string, state: Record<string, number[]>): Promise<void> {
        await this.json("POST", `/services/${encodeURIComponent(service)}/state`, {
            object_key: key,
            new_state: state,
        });
    }
}

function oneLine(text: string): string {
    return text.replace(/\s+/g, " ").trim().slice(0, 300);
}

const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;

export interface ServiceClearResult {
    service: string;
    registered: boolean;
    killed: number;
    purged: number;
    clearedKeys: number;
}

/**
 * For one service: kills every in-flight invocation, purges the completed ones (so idempotency keys and
 * results are forgotten too) and clears the state of every key, then waits until Restate shows none left.
 */
export async function clearService(
    admin: RestateAdmin,
    service: string,
    registered: boolean,
    timeoutMs = 20_000,
): Promise<ServiceClearResult> {
    const result: ServiceClearResult = { service, registered, killed: 0, purged: 0, clearedKeys: 0 };
    if (!registered) return result;
    const name = sqlString(service);
    const deadline = Date.now() + timeoutMs;
    const waitFor = async (what: string, check: () => Promise<boolean>) => {
        while (!(await check())) {
            if (Date.now() > deadline) throw new CliError(`${service}: timed out waiting for ${what}`);
            await Bun.sleep(100);
        }
    };

    // Kill in-flight invocations until none is left (new ones may be enqueued while killing, e.g. one-way calls).
    const killed = new Set<string>();
    await waitFor("in-flight invocations to end", async () => {
        const rows = await admin.query<{ id: string }>(
            `SELECT id FROM sys_invocation WHERE target_service_name = ${name} AND status <> 'completed'`,
        );
        for (const row of rows) if (!killed.has(row.id) && (await admin.kill(row.id))) killed.add(row.id);
        return rows.length === 0;
    });
    result.killed = killed.size;

    const completed = await admin.query<{ id: string }>(
        `SELECT id FROM sys_invocation WHERE target_service_name = ${name} AND status = 'completed'`,
    );
    for (const row of completed) if (await admin.purge(row.id)) result.purged++;

    const keys = await admin.query<{ service_key: string }>(
        `SELECT DISTINCT service_key FROM state WHERE service_name = ${name}`,
    );
    for (const row of keys) await admin.setState(service, row.service_key, {});
    result.clearedKeys = keys.length;
    // Clearing is enqueued; wait until the state table agrees so callers (and tests) can rely on it.
    await waitFor("state to be cleared", async () => {
        const rows = await admin.query<{ n: number }>(`SELECT COUNT(*) AS n FROM state WHERE service_name = ${name}`);
        return Number(rows[0]?.n ?? 0) === 0;
    });
    return result;
}

/** Clears every given service that Restate knows; unknown services are reported as skipped. */
export async function clearRestate(
    admin: RestateAdmin,
    services: readonly string[],
    log: (line: string) => void,
): Promise<ServiceClearResult[]> {
    const known = new Set(await admin.serviceNames());
    const results: ServiceClearResult[] = [];
    for (const service of services) {
        const result = await clearService(admin, service, known.has(service));
        results.push(result);
        log(
            result.registered
                ? `${service}: killed ${result.killed} in-flight invocation(s), purged ${result.purged} completed, cleared state of ${result.clearedKeys} key(s)`
                : `${service}: not registered with Restate, skipped`,
        );
    }
    return results;
}
