/**
 * A pass-through in front of the sandbox's AWS Nexus (where stores come from) that can change a location's
 * Web2Text number, as when a dealer changes it in Nexus/Salesforce. A stack started with `NEXUS_AWS_API_URL`
 * pointing here sees the change; everything else (the bearer token the lead processor got from the sandbox's
 * Cognito, other locations) passes through unchanged.
 */
import { z } from "zod";

const LocationList = z.looseObject({ data: z.array(z.looseObject({ id: z.string() })) });

/** The pass-through: forwards to the sandbox, rewriting `Web2Text_Phone_Number` of overridden locations. */
export class NexusOverride {
    private readonly numbers = new Map<string, string>();
    private upstream: string | undefined;

    private constructor(private readonly server: Bun.Server<undefined>) {}

    /** Starts the pass-through on a free loopback port; point it at the sandbox with {@link forwardTo}. */
    static start(): NexusOverride {
        let self: NexusOverride | undefined;
        const server = Bun.serve({
            port: 0,
            hostname: "127.0.0.1",
            fetch: (req) => (self ? self.handle(req) : new Response("starting", { status: 503 })),
        });
        self = new NexusOverride(server);
        return self;
    }

    /** The `NEXUS_AWS_API_URL` to give the lead processor. */
    get url(): string {
        return `http://127.0.0.1:${this.server.port}/nexus-aws`;
    }

    /** Where the sandbox's AWS Nexus is (the sandbox base URL). */
    forwardTo(sandboxUrl: string): void {
        this.upstream = sandboxUrl.replace(/\/+$/, "");
    }

    /** From now on, the location reports this `Web2Text_Phone_Number`. */
    setWeb2TextNumber(locationId: string, number: string): void {
        this.numbers.set(locationId, number);
    }

    stop(): void {
        this.server.stop(true);
    }

    private async handle(req: Request): Promise<Response> {
        if (!this.upstream) return new Response("no upstream yet", { status: 503 });
        const url = new URL(req.url);
        const res = await fetch(`${this.upstream}${url.pathname}${url.search}`, {
            method: req.method,
            headers: req.headers,
            ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: await req.text() }),
        });
        const text = await res.text();
        const list = res.ok ? LocationList.safeParse(safeJson(text)) : undefined;
        if (!list?.success) return new Response(text, { status: res.status, headers: res.headers });
        const data = list.data.data.map((location) => {
            const number = this.numbers.get(location.id);
            return number ? { ...location, Web2Text_Phone_Number: number } : location;
        });
        return Response.json({ ...list.data, data }, { status: res.status });
    }
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
