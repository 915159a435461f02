import { describe, expect, it } from "vitest";
import { call, eventually } from "../../support/api";
import { actOnRequest } from "../../support/factories";
import { named, sharedClients } from "../../support/ingress-client";
import { leadInvocations } from "../../support/sandbox";
import { createLead, leadState, sharedTarget } from "../../support/web2text";

/** A bulk operation that must succeed; the refusals below are checked on the raw answer. */
const bulk = (body: unknown) => named("Admin/bulk", sharedClients().admin().bulk(body));

/** Creates `n` ACTON leads of one fresh retailer id, so a filter selects exactly them. */
async function leadsOfNewRetailer(n: number): Promise<{ retailer: string; ids: string[] }> {
    const retailer = crypto.randomUUID();
    const ids = await Promise.all(
        Array.from({ length: n }, () => createLead(sharedTarget(), actOnRequest({ UniversalRetailerId: retailer }))),
    );
    return { retailer, ids };
}

describe.concurrent("Admin bulk", () => {
    it("FIND with a filter returns the matching LeadIds, or whole items when Verbose", async () => {
        const { retailer, ids } = await leadsOfNewRetailer(3);
        const found = await bulk({ Operation: "FIND", Filter: { UniversalRetailerId: retailer } });
        expect(found.Count).toBe(3);
        expect([...found.Result].sort()).toEqual([...ids].sort());
        const verbose = await bulk({
            Operation: "FIND",
            Filter: { UniversalRetailerId: retailer, Status: "ACTIVE" },
            Verbose: true,
        });
        expect(verbose.Count).toBe(3);
        expect(verbose.Result).toEqual(
            expect.arrayContaining(
                ids.map((LeadId) => expect.objectContaining({ LeadId, LeadType: "ACTON", Status: "ACTIVE" })),
            ),
        );
    });

    it("FIND with * returns every lead, and pages with Limit and Cursor", async () => {
        const { ids } = await leadsOfNewRetailer(2);
        const all = await bulk({ Operation: "FIND", Filter: "*" });
        expect(all.Result).toEqual(expect.arrayContaining(ids));
        expect(all.NextCursor).toBeUndefined();
        const first = await bulk({ Operation: "FIND", Filter: "*", Limit: 2 });
        expect(first.Count).toBe(2);
        expect(first.NextCursor).toEqual(expect.any(String));
        const second = await bulk({ Operation: "FIND", Filter: "*", Limit: 2, Cursor: first.NextCursor });
        expect(second.Count).toBeGreaterThan(0);
        expect(second.Result.some((id) => first.Result.includes(id))).toBe(false);
    });

    it("SYNC with a filter and Async false reports each lead's own outcome", async () => {
        const { retailer, ids } = await leadsOfNewRetailer(2);
        const res = await bulk({ Operation: "SYNC", Filter: { UniversalRetailerId: retailer }, Async: false });
        expect(res.Count).toBe(2);
        expect(res.Result).toEqual(expect.arrayContaining(ids.map((LeadId) => ({ LeadId, Status: "ACTIVE" }))));
    });

    it("SYNC with a filter and Async true sends one-way syncs and returns at once", async () => {
        const { retailer, ids } = await leadsOfNewRetailer(2);
        const res = await bulk({ Operation: "SYNC", Filter: { UniversalRetailerId: retailer } });
        expect(res).toEqual({ Count: 2, Result: expect.arrayContaining(ids) });
        for (const id of ids) {
            await eventually(`sync of ${id}`, async () =>
                (await leadInvocations(id, "sync")).includes("completed") ? true : undefined,
            );
        }
    });

    it("CLOSE with a filter and Async true closes the leads with the given reason", async () => {
        const { retailer, ids } = await leadsOfNewRetailer(2);
        const res = await bulk({
            Operation: "CLOSE",
            Filter: { UniversalRetailerId: retailer },
            Reason: "Store closed",
        });
        expect(res).toEqual({ Count: 2, Result: expect.arrayContaining(ids) });
        for (const id of ids) {
            const closed = await eventually(`close of ${id}`, async () => {
                const s = await leadState(sharedTarget(), id);
                return s.Status === "CLOSED" ? s : undefined;
            });
            expect(closed.CloseReason).toBe("Store closed");
        }
    });

    it("CLOSE with Async false defaults the reason, and a later SYNC reports each lead's 409", async () => {
        const { retailer, ids } = await leadsOfNewRetailer(2);
        const closed = await bulk({
            Operation: "CLOSE",
            Filter: { UniversalRetailerId: retailer },
            Async: false,
            Verbose: true,
        });
        expect(closed.Result).toEqual(
            expect.arrayContaining(
                ids.map((LeadId) =>
                    expect.objectContaining({ LeadId, Status: "CLOSED", CloseReason: "Closed by Administrator" }),
                ),
            ),
        );
        const sync = await bulk({ Operation: "SYNC", Filter: { UniversalRetailerId: retailer }, Async: false });
        expect(sync.Result).toEqual(
            expect.arrayContaining(
                ids.map((LeadId) => ({
                    LeadId,
                    Error: `409: Lead ID '${LeadId}' doesn't exist or is in incorrect status 'CLOSED'`,
                })),
            ),
        );
    });

    it.each<[string, unknown, string]>([
        [
            "a string filter",
            { Operation: "FIND", Filter: "ACTIVE" },
            'Error parsing Filter parameter - expected "*" or an object',
        ],
        [
            "an empty filter",
            { Operation: "FIND", Filter: {} },
            "Error parsing Filter parameter - the filter object is empty",
        ],
        [
            "an operator filter",
            { Operation: "FIND", Filter: { Status: { ne: "CLOSED" } } },
            "Error parsing Filter parameter - 'Status' must equal",
        ],
        ["no Filter", { Operation: "FIND" }, "Request could not be parsed - Filter: is required"],
        [
            "an unknown field value",
            { Operation: "FIND", Filter: "*", Verbose: "yes" },
            "Request could not be parsed - Verbose:",
        ],
        [
            "a Limit over the cap",
            { Operation: "FIND", Filter: "*", Verbose: true, Limit: 5000 },
            "Limit: must be at most 1000",
        ],
    ])("refuses %s with 400", async (_name, body, message) => {
        const res = await call<{ message: string }>("/Admin/bulk", { body });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain(message);
    });
});
