import { inject } from "vitest";

export const stack = () => inject("stack");

export interface ApiResponse<T = unknown> {
    status: number;
    body: T;
    text: string;
    headers: Headers;
}

export interface CallOptions {
    method?: "GET" | "POST";
    body?: unknown;
    /** Raw `authorization` header value; defaults to `Bearer <seeded all-endpoints key>`. `null` sends none. */
    auth?: string | null;
    contentType?: string;
    headers?: Record<string, string>;
}

/** Calls a handler through Restate ingress, as an outside caller would. */
export async function call<T = unknown>(path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const { urls, apiKey } = stack();
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth === undefined ? `Bearer ${apiKey}` : options.auth;
    if (auth !== null) headers.authorization = auth;
    let body: string | undefined;
    if (options.body !== undefined) {
        body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
        headers["content-type"] = options.contentType ?? "application/json";
    }
    const res = await fetch(`${urls.ingress}${path}`, { method: options.method ?? "POST", headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
        parsed = text ? JSON.parse(text) : undefined;
    } catch {
        // not JSON (TwiML, plain text)
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
}

/** Polls until `probe` returns a value that is not undefined. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (error) {
            last = error;
        }
        await Bun.sleep(150);
    }
    throw new Error(`Timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}
