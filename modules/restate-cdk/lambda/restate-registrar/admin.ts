/** The parts of the Restate admin API (port 9070) the registrar uses, over `fetch`. */
import { z } from "zod";

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const DeploymentList = z.object({
    deployments: z.array(
        z.looseObject({
            id: z.string(),
            uri: z.string().optional(),
            created_at: z.string().optional(),
        }),
    ),
});
const ServiceList = z.object({
    services: z.array(z.looseObject({ name: z.string(), deployment_id: z.string() })),
});
const Registered = z.looseObject({ id: z.string() });
const QueryRows = z.object({ rows: z.array(z.record(z.string(), z.unknown())) });

export interface RestateDeployment {
    id: string;
    uri: string | undefined;
    createdAt: Date | undefined;
}

export interface RegisterResult {
    deploymentId: string;
    status: number;
}

/** Deployment ids are interpolated into SQL; accept only the shape Restate issues. */
const DEPLOYMENT_ID = /^dp_[A-Za-z0-9]+$/;

export class RestateAdmin {
    constructor(
        private readonly baseUrl: string,
        private readonly fetchFn: Fetch = fetch,
        private readonly timeoutMs = 30_000,
    ) {}

    private async call(method: string, path: string, body?: unknown): Promise<Response> {
        return this.fetchFn(`${this.baseUrl.replace(/\/+$/, "")}${path}`, {
            method,
            headers: { "content-type": "application/json", accept: "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(this.timeoutMs),
        });
    }

    private async json<T>(res: Response, schema: z.ZodType<T>, what: string): Promise<T> {
        const text = await res.text();
        if (!res.ok) throw new AdminError(res.status, `${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
        return schema.parse(JSON.parse(text));
    }

    /**
     * `POST /deployments` with `force: false`: a release's address is registered once and never overwritten.
     * 201 = new deployment, 200 = the same URI with the same services was already registered (idempotent).
     */
    async register(uri: string, useHttp11: boolean): Promise<RegisterResult> {
        const res = await this.call("POST", "/deployments", { uri, force: false, use_http_11: useHttp11 });
        const body = await this.json(res, Registered, `register ${uri}`);
        return { deploymentId: body.id, status: res.status };
    }

    async listDeployments(): Promise<RestateDeployment[]> {
        const body = await this.json(await this.call("GET", "/deployments"), DeploymentList, "list deployments");
        return body.deployments.map((d) => {
            const created = d.created_at ? new Date(d.created_at) : undefined;
            return {
                id: d.id,
                uri: d.uri,
                createdAt: created && !Number.isNaN(created.getTime()) ? created : undefined,
            };
        });
    }

    /** The deployment each service currently routes *new* invocations to. */
    async latestDeploymentIds(): Promise<Set<string>> {
        const body = await this.json(await this.call("GET", "/services"), ServiceList, "list services");
        return new Set(body.services.map((s) => s.deployment_id));
    }

    /** Invocations that are pinned to a deployment and not finished: they must complete on that deployment. */
    async pinnedInvocations(deploymentId: string): Promise<number> {
        if (!DEPLOYMENT_ID.test(deploymentId)) throw new Error(`unexpected deployment id ${deploymentId}`);
        const query =
            "SELECT COUNT(*) AS n FROM sys_invocation " +
            `WHERE pinned_deployment_id = '${deploymentId}' AND status <> 'completed'`;
        const body = await this.json(await this.call("POST", "/query", { query }), QueryRows, "query invocations");
        const n = Number(body.rows[0]?.n ?? 0);
        if (!Number.isFinite(n)) throw new Error(`unexpected count for ${deploymentId}: ${String(body.rows[0]?.n)}`);
        return n;
    }

    /** Restate only supports forced deletion; call it only for a deployment proven drained. */
    async deleteDeployment(deploymentId: string): Promise<void> {
        if (!DEPLOYMENT_ID.test(deploymentId)) throw new Error(`unexpected deployment id ${deploymentId}`);
        const res = await this.call("DELETE", `/deployments/${deploymentId}?force=true`);
        if (!res.ok && res.status !== 404) {
            throw new AdminError(res.status, `delete ${deploymentId}: HTTP ${res.status} ${await res.text()}`);
        }
    }
}

export class AdminError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
        this.name = "AdminError";
    }
}

export interface RegisterWithRetryOptions {
    uri: string;
    useHttp11: boolean;
    /** Give up after this long (the new tasks may still be registering in DNS). */
    deadlineMs: number;
    delayMs?: number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
    log?: (message: string, fields?: Record<string, unknown>) => void;
}

/**
 * Registers `uri`, retrying while Restate cannot reach the endpoint yet (DNS of a fresh Cloud Map name, tasks
 * still starting). A 409 means the address is already registered with *different* services: a release id was
 * reused for other code, which is never retried.
 */
export async function registerWithRetry(admin: RestateAdmin, opts: RegisterWithRetryOptions): Promise<RegisterResult> {
    const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const now = opts.now ?? Date.now;
    const started = now();
    let delay = opts.delayMs ?? 5_000;
    let attempt = 0;
    for (;;) {
        attempt += 1;
        try {
            return await admin.register(opts.uri, opts.useHttp11);
        } catch (error) {
            if (error instanceof AdminError && error.status === 409) {
                throw new Error(
                    `Restate refused ${opts.uri}: it is already registered with different services. ` +
                        `A release id must never be reused for different code. ${error.message}`,
                );
            }
            const message = error instanceof Error ? error.message : String(error);
            if (now() - started + delay > opts.deadlineMs) {
                throw new Error(`registering ${opts.uri} failed after ${attempt} attempts: ${message}`);
            }
            opts.log?.("registration not accepted yet, retrying", { attempt, delayMs: delay, error: message });
            await sleep(delay);
            delay = Math.min(delay * 2, 30_000);
        }
    }
}
