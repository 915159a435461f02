import type { Stack } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { actOnRequest } from "../../support/factories";
import { ingressClients, named } from "../../support/ingress-client";
import { startOwnStack } from "../../support/own-stack";
import { createLead, leadState, targetOf } from "../../support/web2text";

// SYNC and CLOSE with Filter "*" act on every lead of the table, so they run on a stack of their own rather
// than the shared one (where they would touch other test files' leads).

let stack: Stack;
const ids = Array.from({ length: 4 }, () => crypto.randomUUID());

const bulk = (body: unknown) => named("Admin/bulk", ingressClients(targetOf(stack)).admin().bulk(body));
const leadStatus = (id: string) => leadState(targetOf(stack), id);

beforeAll(async () => {
    stack = await startOwnStack();
    for (const id of ids) await createLead(targetOf(stack), actOnRequest({ SyncImmediately: false }), id);
});

afterAll(async () => {
    await stack?.stop();
});

describe("Admin bulk over every lead (Filter '*')", () => {
    it("FIND '*' lists every lead", async () => {
        const found = await bulk({ Operation: "FIND", Filter: "*" });
        expect(found.Count).toBe(ids.length);
        expect([...found.Result].sort()).toEqual([...ids].sort());
    });

    it("SYNC '*' awaited syncs every lead and reports each lead's status", async () => {
        const synced = await bulk({
            Operation: "SYNC",
            Filter: "*",
            Async: false,
            Verbose: true,
        });
        expect(synced.Count).toBe(ids.length);
        expect(synced.Result).toEqual(
            expect.arrayContaining(ids.map((LeadId) => expect.objectContaining({ LeadId, Status: "ACTIVE" }))),
        );
        for (const id of ids) {
            const lead = await leadStatus(id);
            expect(lead.Integrations.ActOn?.SyncStatus).toBe("SYNCED");
            expect(lead.Integrations.FloorForce?.SyncStatus).toBe("SYNCED");
        }
    });

    it("CLOSE '*' async closes every lead with the administrator reason", async () => {
        const closed = await bulk({ Operation: "CLOSE", Filter: "*" });
        expect(closed.Count).toBe(ids.length);
        for (const id of ids) {
            const lead = await eventually(`lead ${id} closed`, async () => {
                const res = await leadStatus(id);
                return res.Status === "CLOSED" ? res : undefined;
            });
            expect(lead.CloseReason).toBe("Closed by Administrator");
        }
    });
});
