import { describe, expect, it } from "vitest";
import { VendorError } from "../src/clients/http";
import { NexusClient } from "../src/clients/nexus/nexus.client";

type Handler = (req: Request) => Response | Promise<Response>;

/** A fake Nexus: the token endpoint plus whatever `api` answers; records every request line. */
function fakeNexus(api: Handler, tokenLifetime = 3600) {
    const log: string[] = [];
    let issued = 0;
    const fetchFn = async (input: string | URL | Request, init?: RequestInit) => {
        const req = new Request(input instanceof Request ? input.url : input.toString(), init);
        const url = new URL(req.url);
        log.push(`${req.method} ${url.pathname}${url.search}`);
        if (url.pathname === "/oauth2/token") {
            const form = new URLSearchParams(await req.text());
            if (form.get("client_secret") !== "secret")
                return Response.json({ error: "invalid_client" }, { status: 401 });
            issued += 1;
            return Response.json({ access_token: `t${issued}`, expires_in: tokenLifetime });
        }
        return api(req);
    };
    const client = new NexusClient({
        apiUrl: "https://nexus.test/api",
        authUrl: "https://auth.test/oauth2/token",
        clientId: "client",
        clientSecret: "secret",
        fetch: Object.assign(fetchFn, { preconnect: fetch.preconnect }),
    });
    return { client, log };
}

const retailer = { id: "r1", name: "Prairie", status: "Customer", website_url: "https://p.example", rlm_api_key: "k" };

describe("Nexus client", () => {
    it("gets a token once and sends it as a bearer token", async () => {
        const seen: string[] = [];
        const { client, log } = fakeNexus((req) => {
            seen.push(req.headers.get("authorization") ?? "");
            return Response.json(retailer);
        });
        expect(await client.getRetailer("r1")).toEqual(retailer);
        await client.getRetailer("r1");
        expect(log.filter((l) => l.includes("oauth2"))).toHaveLength(1);
        expect(seen).toEqual(["Bearer t1", "Bearer t1"]);
    });

    it("fetches a new token when the cached one is about to expire", async () => {
        const { client, log } = fakeNexus(() => Response.json(retailer), 10);
        await client.getRetailer("r1");
        await client.getRetailer("r1");
        expect(log.filter((l) => l.includes("oauth2"))).toHaveLength(2);
    });

    it("refreshes the token once on 401 and retries", async () => {
        const { client, log } = fakeNexus((req) =>
            req.headers.get("authorization") === "Bearer t1"
                ? new Response("expired", { status: 401 })
                : Response.json(retailer),
        );
        expect(await client.getRetailer("r1")).toEqual(retailer);
        expect(log).toEqual([
            "POST /oauth2/token",
            "GET /api/retailers/r1",
            "POST /oauth2/token",
            "GET /api/retailers/r1",
        ]);
    });

    it("gives up after one refresh when the API keeps refusing", async () => {
        const { client } = fakeNexus(() => new Response("no", { status: 401 }));
        await expect(client.getRetailer("r1")).rejects.toMatchObject({ kind: "rejected", status: 401 });
    });

    it("reads 'not found' as null", async () => {
        const { client } = fakeNexus((req) =>
            new URL(req.url).pathname.startsWith("/api/location")
                ? Response.json({ data: [] })
                : new Response("nope", { status: 404 }),
        );
        expect(await client.getRetailer("x")).toBeNull();
        expect(await client.getSubscriptions("x")).toBeNull();
        expect(await client.getRetailerLocations("x")).toBeNull();
        expect(await client.getLocation("x")).toBeNull();
    });

    it("queries locations with the documented parameters and unwraps data", async () => {
        const store = { id: 7, location_name: "Chicago", Web2Text_Phone_Number: "(312) 555-0142" };
        const { client, log } = fakeNexus(() => Response.json({ data: [store, { id: 8 }] }));
        expect(await client.getLocation("loc-1")).toMatchObject({ id: "7", location_name: "Chicago" });
        expect(await client.getRetailerLocations("r1")).toHaveLength(2);
        expect(log).toContain("GET /api/location?location_id=loc-1");
        expect(log).toContain("GET /api/retailerLocations?retailer_id=r1");
    });

    it("types failures: 5xx and 429 are retryable, other 4xx and bad bodies are not", async () => {
        const cases: [Response, string, boolean][] = [
            [new Response("down", { status: 503 }), "unavailable", true],
            [new Response("slow down", { status: 429, headers: { "retry-after": "2" } }), "rate-limited", true],
            [new Response("forbidden", { status: 403 }), "rejected", false],
            [Response.json({ unexpected: true }), "invalid-response", false],
        ];
        for (const [response, kind, retryable] of cases) {
            const { client } = fakeNexus(() => response);
            const error = await client.getRetailer("r1").catch((e: unknown) => e);
            expect(error).toBeInstanceOf(VendorError);
            expect(error).toMatchObject({ kind, retryable });
        }
    });

    it("reports a failing token endpoint as a rejected call", async () => {
        const client = new NexusClient({
            apiUrl: "https://nexus.test/api",
            authUrl: "https://auth.test/oauth2/token",
            clientId: "client",
            clientSecret: "wrong",
            fetch: Object.assign(async () => Response.json({ error: "invalid_client" }, { status: 401 }), {
                preconnect: fetch.preconnect,
            }),
        });
        await expect(client.getRetailer("r1")).rejects.toMatchObject({ vendor: "Nexus auth", kind: "rejected" });
    });
});
