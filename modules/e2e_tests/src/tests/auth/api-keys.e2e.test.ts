import { KNOWN_ENDPOINTS } from "lead-processor";
import { retailerFor } from "sandbox";
import { beforeAll, describe, expect, it } from "vitest";
import { type CallOptions, call, stack } from "../../support/api";
import { leadItem, seedApiKey } from "../../support/dynamo";
import { actOnRequest } from "../../support/factories";

/** One call per endpoint string, and the status it gets once authorized (409: unknown lead, past auth). */
const ENDPOINTS: { endpoint: string; path: () => string; options: () => CallOptions; allowed: number }[] = [
    {
        endpoint: "Lead/status",
        path: () => `/Lead/${crypto.randomUUID()}/status`,
        options: () => ({ method: "GET" }),
        allowed: 200,
    },
    {
        endpoint: "Lead/create",
        path: () => `/Lead/${crypto.randomUUID()}/create`,
        options: () => ({ body: actOnRequest() }),
        allowed: 200,
    },
    {
        endpoint: "Lead/sync",
        path: () => `/Lead/${crypto.randomUUID()}/sync`,
        options: () => ({ body: {} }),
        allowed: 409,
    },
    {
        endpoint: "Lead/close",
        path: () => `/Lead/${crypto.randomUUID()}/close`,
        options: () => ({ body: {} }),
        allowed: 409,
    },
    {
        endpoint: "Dealer/status",
        path: () => `/Dealer/${retailerFor("valid").UniversalRetailerId}/status`,
        options: () => ({ method: "GET" }),
        allowed: 200,
    },
    ...(["FIND", "SYNC", "CLOSE"] as const).map((operation) => ({
        endpoint: `Admin/bulk/${operation}`,
        path: () => "/Admin/bulk",
        options: () => ({ body: { Operation: operation, Filter: { UniversalRetailerId: crypto.randomUUID() } } }),
        allowed: 200,
    })),
];

const keys: Record<string, { only: string; allButThis: string; inactive: string }> = {};

beforeAll(async () => {
    await Promise.all(
        ENDPOINTS.map(async ({ endpoint }) => {
            keys[endpoint] = {
                only: await seedApiKey([endpoint]),
                allButThis: await seedApiKey(KNOWN_ENDPOINTS.filter((e) => e !== endpoint)),
                inactive: await seedApiKey([endpoint], { Active: false }),
            };
        }),
    );
});

const keysFor = (endpoint: string) => {
    const found = keys[endpoint];
    if (!found) throw new Error(`no keys seeded for ${endpoint}`);
    return found;
};

describe.concurrent.each(ENDPOINTS)("API keys for $endpoint", ({ endpoint, path, options, allowed }) => {
    const send = (auth: string | null) => call<{ message?: string }>(path(), { ...options(), auth });

    it.each<[string, () => string | null, string]>([
        ["no header", () => null, "Must pass authorization header with valid API key"],
        ["an unknown key", () => `Bearer ${crypto.randomUUID()}`, "API Key doesn't exist or has been marked inactive"],
        [
            "an inactive key",
            () => `Bearer ${keysFor(endpoint).inactive}`,
            "API Key doesn't exist or has been marked inactive",
        ],
        ["a Basic header", () => `Basic ${btoa("user:password")}`, "API Key is not a valid UUIDv4"],
        ["a key that is not a UUID", () => "Bearer not-a-uuid", "API Key is not a valid UUIDv4"],
        [
            "a key without this endpoint",
            () => `Bearer ${keysFor(endpoint).allButThis}`,
            `API Key does not have authorization for '${endpoint}'`,
        ],
    ])("refuses %s with 401 and says why", async (_case, auth, reason) => {
        const res = await send(auth());
        expect(res.status).toBe(401);
        expect(res.body.message).toBe(reason);
    });

    it.each<[string, () => string]>([
        ["a Bearer key with this endpoint", () => `Bearer ${keysFor(endpoint).only}`],
        ["the bare key", () => keysFor(endpoint).only],
        ["the internal credential", () => stack().internalToken],
    ])("accepts %s", async (_case, auth) => {
        const res = await send(auth());
        expect(res.status, res.text).toBe(allowed);
    });
});

describe.concurrent("API-key edge cases", () => {
    it("checks the key before the Lead ID", async () => {
        const res = await call(`/Lead/not-a-uuid/create`, { body: actOnRequest(), auth: null });
        expect(res.status).toBe(401);
    });

    it("checks the key before the body of Admin/bulk (401, where the old system parsed first and answered 400)", async () => {
        const res = await call<{ message: string }>("/Admin/bulk", { body: { Operation: "NOPE" }, auth: null });
        expect(res.status).toBe(401);
        expect(res.body.message).toBe("Must pass authorization header with valid API key");
    });

    it("does not accept the endpoint string with a leading slash", async () => {
        const key = await seedApiKey(["/Lead/status"]);
        const res = await call(`/Lead/${crypto.randomUUID()}/status`, { method: "GET", auth: `Bearer ${key}` });
        expect(res.status).toBe(401);
    });

    it.each<[string, (key: string) => string]>([
        ["upper case", (key) => key.toUpperCase()],
        ["mixed case", (key) => key.replace(/[a-f]/g, (c, i: number) => (i % 2 === 0 ? c.toUpperCase() : c))],
    ])("accepts a key stored in %s, whichever case it is sent in", async (_case, stored) => {
        const key = await seedApiKey(["Lead/create", "Lead/status"], { API_Key: stored(crypto.randomUUID()) });
        expect(key).not.toBe(key.toLowerCase());
        for (const sent of [key, key.toLowerCase(), key.toUpperCase()]) {
            const id = crypto.randomUUID();
            const created = await call(`/Lead/${id}/create`, { body: actOnRequest(), auth: `Bearer ${sent}` });
            expect(created.status, created.text).toBe(200);
            expect(await leadItem(id)).toMatchObject({ LeadId: id, Status: "ACTIVE" });
        }
        const refused = await call(`/Lead/${crypto.randomUUID()}/sync`, {
            body: {},
            auth: `Bearer ${key.toLowerCase()}`,
        });
        expect(refused.status).toBe(401);
        expect(refused.body).toMatchObject({ message: "API Key does not have authorization for 'Lead/sync'" });
    });

    it("accepts a key with * for every endpoint", async () => {
        const key = await seedApiKey(["*"]);
        const res = await call("/Admin/bulk", {
            body: { Operation: "CLOSE", Filter: { UniversalRetailerId: crypto.randomUUID() } },
            auth: `Bearer ${key}`,
        });
        expect(res.status).toBe(200);
    });
});
