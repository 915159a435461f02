import { createDocumentClient, LeadStatesTable, type SubmittedLead, tableNames } from "lead-processor";
import { describe, expect, it } from "vitest";
import { call, stack } from "../../support/api";
import { leadItem } from "../../support/dynamo";
import { actOnRequest } from "../../support/factories";
import { leadStateKeys, wipeLeadState } from "../../support/sandbox";

describe.concurrent("a lead whose Restate state is gone but whose projection exists", () => {
    it("is still reported by status, and taken over by the next exclusive call", async () => {
        const id = crypto.randomUUID();
        const created = await call(`/Lead/${id}/create`, { body: actOnRequest() });
        expect(created.status).toBe(200);
        await wipeLeadState(id);
        expect(await leadStateKeys(id)).toEqual([]);

        const status = await call(`/Lead/${id}/status`, { method: "GET" });
        expect(status.body).toEqual(created.body);
        expect(await leadStateKeys(id)).toEqual([]);

        const synced = await call(`/Lead/${id}/sync`, { body: {} });
        expect(synced.status, synced.text).toBe(200);
        expect(synced.body).toMatchObject({ LeadId: id, Status: "ACTIVE" });
        expect(await leadStateKeys(id)).toEqual(["lead"]);
    });

    it("still refuses a second create with 409", async () => {
        const id = crypto.randomUUID();
        expect((await call(`/Lead/${id}/create`, { body: actOnRequest() })).status).toBe(200);
        await wipeLeadState(id);
        const again = await call(`/Lead/${id}/create`, { body: actOnRequest() });
        expect(again.status).toBe(409);
    });

    it("refuses a create of a lead held only in DynamoDB with 409 whatever the body, and takes it over", async () => {
        const id = crypto.randomUUID();
        expect((await call(`/Lead/${id}/create`, { body: actOnRequest() })).status).toBe(200);
        await wipeLeadState(id);
        const invalid = await call(`/Lead/${id}/create`, { body: { LeadType: "ACTON" } });
        expect(invalid.status, invalid.text).toBe(409);
        expect(invalid.text).toContain(`Lead ID '${id}' doesn't exist or is in incorrect status 'ACTIVE'`);
        expect(await leadStateKeys(id)).toEqual(["lead"]);
    });

    it("serves a lead written to DynamoDB by the system this replaces", async () => {
        const id = crypto.randomUUID();
        const legacy: SubmittedLead = {
            SchemaVersion: "2.0.0",
            LeadType: "ACTON",
            LeadId: id,
            Status: "SYNCING",
            UniversalRetailerId: crypto.randomUUID(),
            DateSubmitted: "2025-05-01T10:00:00.000Z",
            Integrations: { ActOn: { SyncStatus: "SYNCED", LastSynced: "2025-05-01T10:00:05.000Z" } },
            Lead: actOnRequest().Lead,
        };
        const { urls, tablePrefix } = stack();
        const table = new LeadStatesTable(
            createDocumentClient({ region: "us-east-1", endpoint: urls.dynamo }),
            tableNames(tablePrefix).leadStates,
        );
        await table.put(legacy);
        expect((await call(`/Lead/${id}/status`, { method: "GET" })).body).toEqual(legacy);
        const closed = await call(`/Lead/${id}/close`, { body: { reason: "Migrated" } });
        expect(closed.status, closed.text).toBe(200);
        // The ActOn integration it had synced goes through the same close loop as a new lead's.
        expect(closed.body).toMatchObject({
            Status: "CLOSED",
            CloseReason: "Migrated",
            Integrations: { ActOn: { SyncStatus: expect.stringMatching(/^(CLOSED|SYNCED|ERROR)$/) } },
        });
        expect(await leadItem(id)).toMatchObject({ Status: "CLOSED" });
    });
});
