import { describe, expect, it } from "vitest";
import { VendorError } from "../../src/clients/http";
import { NexusApiClient } from "../../src/clients/nexus/nexus-api.client";
import { fakeFetch } from "./fake-fetch";
import { vendorFailure } from "./vendor-clients";

const BASIC = `Basic ${btoa("nexus-user:nexus-pass")}`;
const retailer = { id: "r1", name: "Prairie", status: "Customer", website_url: "https://p.example", rlm_api_key: "k" };
const hours = { monday: "9:00 AM - 6:00 PM", sunday: "Closed" };

/** The old Nexus client over a scripted API that insists on the Basic credentials. */
function oldNexus(
    api: (req: Request) => Response | Promise<Response>,
    options: { password?: string; timeoutMs?: number } = {},
) {
    const fake = fakeFetch((req) =>
        req.headers.get("authorization") === BASIC
            ? api(req)
            : Response.json({ message: "Unauthorized" }, { status: 401 }),
    );
    const client = new NexusApiClient({
        baseUrl: "https://nexus.test/api",
        username: "nexus-user",
        password: options.password ?? "nexus-pass",
        fetch: fake.fetch,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    return { client, seen: fake.seen };
}

describe("Old Nexus client (HTTP Basic)", () => {
    it("reads retailer, subscriptions and store hours under the base URL's path with Basic auth", async () => {
        const { client, seen } = oldNexus((req) => {
            const path = new URL(req.url).pathname;
            if (path.endsWith("/subscriptions")) return Response.json([{ status: "Live", web2text_opt_out: false }]);
            if (path.endsWith("/stores"))
                return Response.json([{ id: 7, store_name: "Chicago", hours_of_operation: hours }]);
            return Response.json(retailer);
        });
        expect(await client.getRetailer("r 1")).toEqual(retailer);
        expect(await client.getSubscriptions("r1")).toEqual([{ status: "Live", web2text_opt_out: false }]);
        expect(await client.getStoreHours("r1")).toEqual([
            { id: "7", store_name: "Chicago", hours_of_operation: hours },
        ]);
        expect(seen.map((s) => s.line)).toEqual([
            "GET https://nexus.test/api/retailers/r%201",
            "GET https://nexus.test/api/retailers/r1/subscriptions",
            "GET https://nexus.test/api/retailers/r1/stores",
        ]);
        expect(new Set(seen.map((s) => s.headers.authorization))).toEqual(new Set([BASIC]));
    });

    it("reads 404 as null", async () => {
        const { client } = oldNexus(() => Response.json({ message: "Retailer not found" }, { status: 404 }));
        expect(await client.getRetailer("x")).toBeNull();
        expect(await client.getSubscriptions("x")).toBeNull();
        expect(await client.getStoreHours("x")).toBeNull();
    });

    it("fails wrong credentials at once as a rejected error naming the settings", async () => {
        const { client, seen } = oldNexus(() => Response.json(retailer), { password: "wrong" });
        const error = await vendorFailure(client.getRetailer("r1"));
        expect(error).toMatchObject({ vendor: "Nexus", kind: "rejected", status: 401, retryable: false });
        expect(error.message).toBe(
            'Nexus: GET /retailers/r1 answered 401 (check NEXUS_API_USERNAME and NEXUS_API_PASSWORD): {"message":"Unauthorized"}',
        );
        expect(seen).toHaveLength(1);
    });

    it("gives the store-hours read longer than the other reads (20 s against the client's timeout)", async () => {
        const slow = () => Bun.sleep(150).then(() => Response.json([]));
        const { client } = oldNexus(slow, { timeoutMs: 50 });
        expect(await client.getStoreHours("r1")).toEqual([]);
        expect(await vendorFailure(client.getSubscriptions("r1"))).toMatchObject({ kind: "timeout" });
    });

    it("types failures: 5xx and 429 are retryable, bad bodies are not", async () => {
        const cases: [Response, string, boolean][] = [
            [new Response("down", { status: 503 }), "unavailable", true],
            [new Response("slow down", { status: 429, headers: { "retry-after": "2" } }), "rate-limited", true],
            [Response.json({ unexpected: true }), "invalid-response", false],
        ];
        for (const [response, kind, retryable] of cases) {
            const { client } = oldNexus(() => response);
            const error = await client.getRetailer("r1").catch((e: unknown) => e);
            expect(error).toBeInstanceOf(VendorError);
            expect(error).toMatchObject({ kind, retryable });
        }
    });
});
