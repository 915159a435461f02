import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SandboxServer, startSandboxServer } from "./sandbox-server";
import { vendorClients, vendorFailure } from "./vendor-clients";

let sb: SandboxServer;
let clients: ReturnType<typeof vendorClients>;
beforeAll(() => {
    sb = startSandboxServer();
    clients = vendorClients(sb, 150);
});
afterAll(() => sb.stop());
beforeEach(() => {
    sb.sandbox.recorder.clear();
    sb.sandbox.faults.clear();
});

const FORM = {
    "First Name": "Ada",
    "Last Name": "Lovelace",
    "E-mail Address": "ada@example.com",
    "Home Postal Code": "60601",
    preferred_location: "Chicago",
};

/** One representative call per vendor, each through the fault switch of its sandbox service. */
const CALLS: [service: string, call: () => Promise<unknown>][] = [
    ["rlm", () => clients.rlm.locationMappings()],
    ["dhq", () => clients.dhq.postComment("1", { body: "x", author_id: 262 }, "k-dhq")],
    ["botpress", () => clients.botpress.findConversationRow("bp-demo-1")],
    ["acton", () => clients.acton.upsertListRecord("l-fault", FORM["E-mail Address"], FORM, "k-acton")],
    ["floorforce", () => clients.floorforce.postForm(FORM, "k-floorforce")],
];

describe.each(CALLS)("%s client under faults", (service, call) => {
    it("a 429 with Retry-After fails as rate-limited carrying the delay", async () => {
        await sb.fault({ service, status: 429, count: 1, retryAfter: 7 });
        const error = await vendorFailure(call());
        expect(error).toMatchObject({ kind: "rate-limited", status: 429, retryAfterMs: 7000 });
        expect(error.retryable).toBe(true);
    });

    it("a 5xx fails as unavailable (retryable)", async () => {
        await sb.fault({ service, status: 503, count: 1 });
        const error = await vendorFailure(call());
        expect(error).toMatchObject({ kind: "unavailable", status: 503 });
        expect(error.retryable).toBe(true);
    });

    it("a slow vendor fails as timeout", async () => {
        await sb.fault({ service, delayMs: 600, count: 1 });
        const error = await vendorFailure(call());
        expect(error.kind).toBe("timeout");
        expect(error.retryable).toBe(true);
    });
});
