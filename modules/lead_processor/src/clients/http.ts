import { formatIssues } from "common";
import type { z } from "zod";

export type VendorErrorKind = "rejected" | "rate-limited" | "unavailable" | "timeout" | "invalid-response";

/**
 * A failed vendor call, typed by what the caller should do about it: `rejected` (a 4xx: the request itself
 * is wrong, do not retry), `rate-limited` (429, retry after `retryAfterMs`), `unavailable` (5xx or network),
 * `timeout`, `invalid-response` (2xx with a body that does not match the expected schema).
 */
export class VendorError extends Error {
    constructor(
        readonly vendor: string,
        readonly kind: VendorErrorKind,
        message: string,
        readonly status?: number,
        readonly body?: string,
        readonly retryAfterMs?: number,
    ) {
        super(`${vendor}: ${message}`);
        this.name = "VendorError";
    }

    /** Whether trying again later can succeed. */
    get retryable(): boolean {
        return this.kind !== "rejected" && this.kind !== "invalid-response";
    }
}

/** The `fetch` a client uses (injectable in tests). */
export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** How a client reaches its vendor, when not the defaults: its timeout and its `fetch` (tests). */
export interface VendorTransport {
    timeoutMs?: number | undefined;
    fetch?: FetchFn | undefined;
}

export interface VendorHttpOptions {
    vendor: string;
    baseUrl: string;
    timeoutMs?: number;
    /** Added to the message of a 4xx answer with that status, e.g. which settings hold the refused credentials. */
    hints?: Partial<Record<number, string>>;
    /** Headers added to every request (auth); may be async (tokens). */
    headers?: () => Record<string, string> | Promise<Record<string, string>>;
    fetch?: FetchFn;
}

export interface RequestOptions<S extends z.ZodType> {
    query?: Record<string, string | undefined>;
    json?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    /** Parses a 2xx body; omit for calls whose body is ignored. */
    schema?: S;
    /** Statuses returned as `undefined` instead of failing (e.g. 404 for "no such record"). */
    absentOn?: number[];
    /** When set, only these 2xx statuses are success; any other 2xx fails as `invalid-response`. */
    okStatuses?: number[];
    /** This call's timeout, when it differs from the client's. */
    timeoutMs?: number;
}

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
    if (!header) return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The one HTTP mechanism of the vendor clients: base URL, auth headers, timeout, typed failures, zod-parsed bodies. */
export class VendorHttp {
    private readonly fetchFn: FetchFn;

    constructor(private readonly options: VendorHttpOptions) {
        this.fetchFn = options.fetch ?? fetch;
    }

    async request<S extends z.ZodType>(
        method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
        path: string,
        opts: RequestOptions<S> = {},
    ): Promise<z.output<S> | undefined> {
        const { vendor } = this.options;
        const url = new URL(`${this.options.baseUrl}${path}`);
        for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
        const headers: Record<string, string> = {
            accept: "application/json",
            ...(await this.options.headers?.()),
            ...opts.headers,
        };
        let body: string | undefined;
        if (opts.json !== undefined) {
            body = JSON.stringify(opts.json);
            headers["content-type"] = "application/json";
        } else if (opts.form) {
            body = new URLSearchParams(opts.form).toString();
            headers["content-type"] = "application/x-www-form-urlencoded";
        }
        let res: Response;
        try {
            res = await this.fetchFn(url, {
                method,
                headers,
                body,
                signal: AbortSignal.timeout(opts.timeoutMs ?? this.options.timeoutMs ?? 15_000),
            });
        } catch (error) {
            const timeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
            const text = error instanceof Error ? error.message : String(error);
            throw new VendorError(vendor, timeout ? "timeout" : "unavailable", `${method} ${path} failed: ${text}`);
        }
        const text = await res.text();
        if (opts.absentOn?.includes(res.status)) return undefined;
        if (res.status === 429) {
            throw new VendorError(
                vendor,
                "rate-limited",
                `${method} ${path} was rate-limited`,
                429,
                text,
                retryAfterMs(res.headers.get("retry-after")),
            );
        }
        if (res.status >= 500)
            throw new VendorError(vendor, "unavailable", `${method} ${path} answered ${res.status}`, res.status, text);
        if (res.status >= 400) {
            const hint = this.options.hints?.[res.status];
            const explained = hint ? ` (${hint})` : "";
            throw new VendorError(
                vendor,
                "rejected",
                `${method} ${path} answered ${res.status}${explained}: ${text.slice(0, 300)}`,
                res.status,
                text,
            );
        }
        if (opts.okStatuses && !opts.okStatuses.includes(res.status)) {
            throw new VendorError(
                vendor,
                "invalid-response",
                `${method} ${path} answered ${res.status}, expected ${opts.okStatuses.join(" or ")}`,
                res.status,
                text,
            );
        }
        if (!opts.schema) return undefined;
        let parsed: unknown;
        try {
            parsed = text ? JSON.parse(text) : undefined;
        } catch {
            throw new VendorError(vendor, "invalid-response", `${method} ${path} answered non-JSON`, res.status, text);
        }
        const result = opts.schema.safeParse(parsed);
        if (!result.success) {
            throw new VendorError(
                vendor,
                "invalid-response",
                `${method} ${path} answered an unexpected body: ${formatIssues(result.error)}`,
                res.status,
                text,
            );
        }
        return result.data;
    }

    /** Like `request`, for calls that must answer a body matching `schema` (never `undefined`). */
    async requestParsed<S extends z.ZodType>(
        method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
        path: string,
        opts: Omit<RequestOptions<S>, "schema" | "absentOn"> & { schema: S },
    ): Promise<z.output<S>> {
        const result = await this.request(method, path, opts);
        if (result === undefined) {
            throw new VendorError(this.options.vendor, "invalid-response", `${method} ${path} answered no body`);
        }
        return result;
    }
}
