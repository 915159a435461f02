import type { Stack } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { actOnRequest } from "../../support/factories";
import { startOwnStack } from "../../support/own-stack";

// SYNC and CLOSE with Filter "*" act on every lead of the table, so they run on a stack of their own rather
// than the shared one (where they would touch other test files' leads).

interface Bulk {
    Count: number;
    Result: ({ LeadId: string; Status?: string; Error?: unknown } | string)[];
}

let stack: Stack;
const ids = Array.from({ length: 4 }, () => crypto.randomUUID());

async function ingress<T>(path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${stack.urls.ingress}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
}

const leadStatus = (id: string) =>
    ingress<{ Status: string; CloseReason?: string; Integrations?: Record<string, { SyncStatus: string }> }>(
        `/Lead/${id}/status`,
    );

beforeAll(async () => {
    stack = await startOwnStack();
    for (const id of ids) {
        const res = await ingress(`/Lead/${id}/create`, actOnRequest({ SyncImmediately: false }));
        expect(res.status).toBe(200);
    }
});

afterAll(async () => {
    await stack?.stop();
});

describe("Admin bulk over every lead (Filter '*')", () => {
    it("FIND '*' lists every lead", async () => {
        const found = await ingress<Bulk>("/Admin/bulk", { Operation: "FIND", Filter: "*" });
        expect(found.status).toBe(200);
        expect(found.body.Count).toBe(ids.length);
        expect([...found.body.Result].sort()).toEqual([...ids].sort());
    });

    it("SYNC '*' awaited syncs every lead and reports each lead's status", async () => {
        const synced = await ingress<Bulk>("/Admin/bulk", {
            Operation: "SYNC",
            Filter: "*",
            Async: false,
            Verbose: true,
        });
        expect(synced.status).toBe(200);
        expect(synced.body.Count).toBe(ids.length);
        expect(synced.body.Result).toEqual(
            expect.arrayContaining(ids.map((LeadId) => expect.objectContaining({ LeadId, Status: "ACTIVE" }))),
        );
        for (const id of ids) {
            const lead = await leadStatus(id);
            expect(lead.body.Integrations?.ActOn?.SyncStatus).toBe("SYNCED");
            expect(lead.body.Integrations?.FloorForce?.SyncStatus).toBe("SYNCED");
        }
    });

    it("CLOSE '*' async closes every lead with the administrator reason", async () => {
        const closed = await ingress<Bulk>("/Admin/bulk", { Operation: "CLOSE", Filter: "*" });
        expect(closed.status).toBe(200);
        expect(closed.body.Count).toBe(ids.length);
        for (const id of ids) {
            const lead = await eventually(`lead ${id} closed`, async () => {
                const res = await leadStatus(id);
                return res.body.Status === "CLOSED" ? res.body : undefined;
            });
            expect(lead.CloseReason).toBe("Closed by Administrator");
        }
    });
});
