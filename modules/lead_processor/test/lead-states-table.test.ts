import { dynaliteCommand, freePort, localDynamoClient, ManagedProcess, waitForDynamo } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTablesIfMissing } from "../src/db/create-tables";
import { createDocumentClient } from "../src/db/dynamo";
import { EXPIRES_AT_ATTRIBUTE, LeadStatesTable } from "../src/db/lead-states.table";
import { tableNames } from "../src/db/table-names";
import type { SubmittedLead } from "../src/lead/lead-state";
import { actOnLead } from "./integrations/fixtures";

/** A real dynalite, so the conditional write is checked against DynamoDB's expression language. */
describe("the LeadStates projection's writes", () => {
    let dynalite: ManagedProcess | undefined;
    let table: LeadStatesTable;

    beforeAll(async () => {
        const port = await freePort();
        dynalite = new ManagedProcess({ name: "dynalite", command: dynaliteCommand(port), env: process.env });
        dynalite.start();
        const endpoint = `http://127.0.0.1:${port}`;
        await waitForDynamo(endpoint);
        const names = tableNames("UNIT");
        await createTablesIfMissing(localDynamoClient(endpoint), names);
        table = new LeadStatesTable(createDocumentClient({ region: "us-east-1", endpoint }), names.leadStates);
    }, 60_000);
    afterAll(async () => {
        await dynalite?.stop();
    });

    const lead = (id: string, date: string): SubmittedLead => ({
        ...actOnLead(),
        LeadId: id,
        Status: "ACTIVE",
        DateSubmitted: date,
    });

    it("writes a new lead", async () => {
        const id = crypto.randomUUID();
        const first = lead(id, "2026-12-03T10:00:00.000Z");
        expect(await table.putNew(first)).toEqual({ created: true });
        expect(await table.get(id)).toEqual(first);
    });

    it("counts the same write repeated by a retried step (same DateSubmitted) as written", async () => {
        const id = crypto.randomUUID();
        const first = lead(id, "2026-12-03T10:00:00.000Z");
        await table.putNew(first);
        expect(await table.putNew(first)).toEqual({ created: true });
    });

    it("leaves an existing item alone and hands it back", async () => {
        const id = crypto.randomUUID();
        const existing: SubmittedLead = {
            ...lead(id, "2025-05-01T10:00:00.000Z"),
            Status: "SYNCING",
            Integrations: { ActOn: { SyncStatus: "SYNCED", LastSynced: "2025-05-01T10:00:05.000Z" } },
        };
        await table.put(existing);
        expect(await table.putNew(lead(id, "2026-12-03T10:00:00.000Z"))).toEqual({ created: false, existing });
        expect(await table.get(id)).toEqual(existing);
    });

    it("a scan page can return only the named attributes (the health figures' projection)", async () => {
        const id = crypto.randomUUID();
        await table.put({ ...lead(id, "2026-12-03T11:00:00.000Z"), Status: "ACTIVE" });
        const items = [];
        let startAfter: string | undefined;
        do {
            const page = await table.scanPage({
                idsOnly: false,
                attributes: ["LeadId", "Status"],
                limit: 100,
                startAfter,
            });
            items.push(...page.items);
            startAfter = page.nextLeadId;
        } while (startAfter);
        expect(items.find((item) => item.LeadId === id)).toEqual({ LeadId: id, Status: "ACTIVE" });
        const ids = await table.scanPage({ idsOnly: true, attributes: ["Status"], limit: 100 });
        expect(ids.items.every((item) => Object.keys(item).join() === "LeadId")).toBe(true);
    });

    it("stores a closed lead's TTL attribute and reads the lead back without it", async () => {
        const id = crypto.randomUUID();
        const closed: SubmittedLead = { ...lead(id, "2026-12-03T10:00:00.000Z"), Status: "CLOSED" };
        await table.put(closed, 1_796_000_000);
        expect(await table.get(id)).toEqual({ ...closed, [EXPIRES_AT_ATTRIBUTE]: 1_796_000_000 });
    });

    it("deletes an item and says whether there was one", async () => {
        const id = crypto.randomUUID();
        await table.put(lead(id, "2026-12-03T10:00:00.000Z"));
        expect(await table.delete(id)).toBe(true);
        expect(await table.get(id)).toBeUndefined();
        expect(await table.delete(id)).toBe(false);
    });
});
