/** A scripted `fetch` for client unit tests: answers with `handler`, honours the abort signal, records every request. */
import type { FetchFn } from "../../src/clients/http";

export interface SeenRequest {
    /** `METHOD url` (full URL, query included). */
    line: string;
    headers: Record<string, string>;
    body: string;
}

export function fakeFetch(handler: (req: Request) => Response | Promise<Response>): {
    fetch: FetchFn;
    seen: SeenRequest[];
} {
    const seen: SeenRequest[] = [];
    const fetch: FetchFn = async (input, init) => {
        const req = new Request(input instanceof Request ? input.url : input.toString(), init);
        const body = await req.clone().text();
        seen.push({ line: `${req.method} ${req.url}`, headers: Object.fromEntries(req.headers), body });
        const signal = init?.signal;
        if (!signal) return handler(req);
        // Like fetch, give up when the caller's signal (its timeout) fires before the answer.
        const aborted = new Promise<never>((_, reject) => {
            signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        });
        return Promise.race([Promise.resolve(handler(req)), aborted]);
    };
    return { fetch, seen };
}
