import { NexusClient } from "lead-processor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, retailerFor, type Sandbox, seed } from "../src";

let sandbox: Sandbox;
let server: ReturnType<typeof Bun.serve>;
let base: string;

beforeAll(() => {
    sandbox = createSandbox({ seed, publicUrl: "http://sandbox.test" });
    server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: sandbox.fetch });
    base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => {
    sandbox.close();
    server.stop(true);
});

const client = () =>
    new NexusClient({
        apiUrl: `${base}/nexus`,
        authUrl: `${base}/nexus-auth/oauth2/token`,
        clientId: seed.nexus.clientId,
        clientSecret: seed.nexus.clientSecret,
    });

const token = async (clientId = seed.nexus.clientId, clientSecret = seed.nexus.clientSecret) =>
    fetch(`${base}/nexus-auth/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: clientId,
            client_secret: clientSecret,
        }),
    });

describe("Nexus stand-in", () => {
    it("issues client-credentials tokens only to the seeded client", async () => {
        const ok = await token();
        expect(ok.status).toBe(200);
        expect(await ok.json()).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
        expect((await token("someone-else")).status).toBe(401);
        expect((await token(seed.nexus.clientId, "wrong-secret")).status).toBe(401);
    });

    it("refuses API calls without a live bearer token", async () => {
        const id = retailerFor("valid").UniversalRetailerId;
        expect((await fetch(`${base}/nexus/retailers/${id}`)).status).toBe(401);
        const bad = await fetch(`${base}/nexus/retailers/${id}`, { headers: { authorization: "Bearer forged" } });
        expect(bad.status).toBe(401);
    });

    it("serves every seeded retailer with its subscriptions and locations", async () => {
        const nexus = client();
        for (const retailer of seed.retailers) {
            const id = retailer.UniversalRetailerId;
            expect(await nexus.getRetailer(id)).toMatchObject({ id, name: retailer.name, status: retailer.status });
            expect(await nexus.getSubscriptions(id)).toEqual(retailer.subscriptions);
            const locations = await nexus.getRetailerLocations(id);
            expect(locations?.map((l) => l.id)).toEqual(retailer.locations.map((l) => l.id));
            for (const location of retailer.locations) {
                expect(await nexus.getLocation(location.id)).toMatchObject({
                    id: location.id,
                    universal_id: location.universal_id,
                    Web2Text_Phone_Number: location.Web2Text_Phone_Number,
                    retailer_id: id,
                });
            }
        }
    });

    it("answers unknown retailers and locations with 'not found' that the client reads as null", async () => {
        const nexus = client();
        const unknown = crypto.randomUUID();
        expect(await nexus.getRetailer(unknown)).toBeNull();
        expect(await nexus.getSubscriptions(unknown)).toBeNull();
        expect(await nexus.getRetailerLocations(unknown)).toEqual([]);
        expect(await nexus.getLocation(unknown)).toBeNull();
    });

    it("lets the client recover when its token expires (401 → new token → retry)", async () => {
        const nexus = client();
        const id = retailerFor("valid").UniversalRetailerId;
        expect(await nexus.getRetailer(id)).not.toBeNull();
        const revoked = await fetch(`${base}/__sandbox/nexus/tokens`, { method: "DELETE" });
        expect(revoked.status).toBe(204);
        const before = sandbox.recorder.list({ service: "nexus" }).length;
        expect(await nexus.getRetailer(id)).toMatchObject({ id });
        const calls = sandbox.recorder.list({ service: "nexus" }).slice(before);
        expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
            `GET /nexus/retailers/${id}`,
            "POST /nexus-auth/oauth2/token",
            `GET /nexus/retailers/${id}`,
        ]);
    });

    it("covers every scenario the seed promises", () => {
        const scenarios = new Set(seed.retailers.map((r) => r.scenario));
        expect([...scenarios].sort()).toEqual(["churned", "invalid-number", "opted-out", "shared-number", "valid"]);
        expect(retailerFor("valid").locations.length).toBeGreaterThanOrEqual(2);
        const shared = seed.retailers.filter((r) => r.scenario === "shared-number");
        const numbers = shared.flatMap((r) => r.locations.map((l) => l.Web2Text_Phone_Number));
        expect(new Set(shared.map((r) => r.UniversalRetailerId)).size).toBe(2);
        expect(new Set(numbers).size).toBe(1);
    });
});
