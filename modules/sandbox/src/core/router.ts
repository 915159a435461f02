import type { Faults } from "./faults";
import type { Recorder } from "./recorder";

export type Params = Record<string, string>;

/** What a route handler receives: the request, its path parameters and its parsed body. */
export interface RouteInput {
    req: Request;
    url: URL;
    params: Params;
    /** JSON object, form fields, or undefined for an empty body. */
    body: unknown;
    rawBody: string;
}

export type RouteHandler = (input: RouteInput) => Response | Promise<Response>;

interface Route {
    method: string;
    pattern: RegExp;
    names: string[];
    /** Vendor name used for call records and faults; undefined for the sandbox's own endpoints. */
    service: string | undefined;
    handler: RouteHandler;
}

/** JSON response helper. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

async function parseBody(req: Request): Promise<{ body: unknown; rawBody: string }> {
    const rawBody = await req.text();
    if (!rawBody) return { body: undefined, rawBody };
    const type = req.headers.get("content-type") ?? "";
    if (type.includes("application/x-www-form-urlencoded")) {
        const params = new URLSearchParams(rawBody);
        const fields: Record<string, string | string[]> = {};
        for (const key of new Set(params.keys())) {
            const all = params.getAll(key);
            fields[key] = all.length > 1 ? all : (all[0] ?? "");
        }
        return { body: fields, rawBody };
    }
    try {
        return { body: JSON.parse(rawBody), rawBody };
    } catch {
        return { body: rawBody, rawBody };
    }
}

/** A tiny method + path router; every vendor route is recorded and passes through the fault switch. */
export class Router {
    private readonly routes: Route[] = [];

    constructor(
        private readonly recorder: Recorder,
        private readonly faults: Faults,
    ) {}

    /** `path` segments `:name` (or `:name.json`: a parameter with a literal suffix) are path parameters. */
    add(method: string, path: string, service: string | undefined, handler: RouteHandler): void {
        const names: string[] = [];
        const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const source = path
            .split("/")
            .map((part) => {
                const param = /^:(\w+)(.*)$/.exec(part);
                if (!param) return literal(part);
                names.push(param[1] ?? "");
                return `([^/]+?)${literal(param[2] ?? "")}`;
            })
            .join("/");
        this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, service, handler });
    }

    async handle(req: Request): Promise<Response> {
        const url = new URL(req.url);
        for (const route of this.routes) {
            if (route.method !== req.method) continue;
            const match = route.pattern.exec(url.pathname);
            if (!match) continue;
            const params: Params = {};
            route.names.forEach((name, i) => {
                params[name] = decodeURIComponent(match[i + 1] ?? "");
            });
            const { body, rawBody } = await parseBody(req);
            if (route.service) {
                this.recorder.record({
                    service: route.service,
                    method: req.method,
                    path: url.pathname,
                    query: Object.fromEntries(url.searchParams),
                    headers: Object.fromEntries(req.headers),
                    body,
                });
                const fault = await this.faults.answer(route.service);
                if (fault) return fault;
            }
            return route.handler({ req, url, params, body, rawBody });
        }
        return json({ code: 404, message: `No sandbox route for ${req.method} ${url.pathname}` }, 404);
    }
}
