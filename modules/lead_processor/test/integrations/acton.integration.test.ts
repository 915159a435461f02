import { describe, expect, it } from "vitest";
import { ActOnIntegration } from "../../src/integrations/acton/acton.integration";
import { FloorForceIntegration } from "../../src/integrations/floorforce/floorforce.integration";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import { fakeContext, integrationContext } from "./fake-context";
import { FakeActOn, FakeFloorForce, rejected } from "./fake-vendors";
import { actOnLead } from "./fixtures";

const NOT_SYNCED: IntegrationState = { SyncStatus: "NOT SYNCED" };

describe("ActOn integration", () => {
    it("writes the contact without listId to the lead's list by its e-mail, in one journaled step", async () => {
        const acton = new FakeActOn();
        const fake = fakeContext();
        const lead = actOnLead({ notes: "call after 5" });
        const state = await new ActOnIntegration({ acton }).create(NOT_SYNCED, integrationContext(fake.ctx, lead));
        expect(acton.records).toEqual([
            {
                listId: "l-0001",
                email: "ada@example.com",
                writes: 1,
                fields: {
                    "First Name": "Ada",
                    "Last Name": "Lovelace",
                    "E-mail Address": "ada@example.com",
                    "Home Postal Code": "60601",
                    preferred_location: "Chicago",
                    notes: "call after 5",
                },
            },
        ]);
        expect(fake.steps).toEqual(["Write ActOn list record"]);
        expect(acton.keys).toEqual([`${lead.LeadId}:ActOn:create`]);
        expect(state).toMatchObject({ SyncStatus: "SYNCED", Data: { ListId: "l-0001", RecordId: "l-0001:1" } });
        expect(state.LastSynced).toBeTruthy();
    });

    it("records a clear ERROR for a lead without listId and calls nothing", async () => {
        const acton = new FakeActOn();
        const fake = fakeContext();
        const lead = actOnLead({ listId: undefined });
        const state = await new ActOnIntegration({ acton }).create(NOT_SYNCED, integrationContext(fake.ctx, lead));
        expect(state.SyncStatus).toBe("ERROR");
        expect(state.ErrorInfo?.Message).toContain("no 'listId'");
        expect(fake.steps).toEqual([]);
    });

    it("records ERROR when ActOn refuses the record", async () => {
        const acton = new FakeActOn();
        acton.failures.failWhen(() => rejected("ActOn"));
        const ic = integrationContext(fakeContext().ctx, actOnLead());
        const state = await new ActOnIntegration({ acton }).create(NOT_SYNCED, ic);
        expect(state).toMatchObject({ SyncStatus: "ERROR", ErrorInfo: { Message: "Failed to create ActOn Lead" } });
    });

    it("keeps one contact when ActOn stored the record but the answer was lost: ERROR, then the next create updates it", async () => {
        const acton = new FakeActOn();
        acton.loseNextAnswers(1);
        const integration = new ActOnIntegration({ acton });
        const lead = actOnLead();
        const failed = await integration.create(NOT_SYNCED, integrationContext(fakeContext().ctx, lead));
        expect(failed).toMatchObject({ SyncStatus: "ERROR", ErrorInfo: { Message: "Failed to create ActOn Lead" } });
        const state = await integration.create(failed, integrationContext(fakeContext().ctx, lead));
        expect(state).toMatchObject({ SyncStatus: "SYNCED", Data: { RecordId: "l-0001:1" } });
        expect(acton.records).toMatchObject([{ email: "ada@example.com", writes: 2 }]);
        expect(acton.keys).toEqual([`${lead.LeadId}:ActOn:create`, `${lead.LeadId}:ActOn:create`]);
    });

    it("keeps its state on sync and closes to CLOSED", async () => {
        const integration = new ActOnIntegration({ acton: new FakeActOn() });
        const ic = integrationContext(fakeContext().ctx, actOnLead());
        const synced: IntegrationState = { SyncStatus: "SYNCED", LastSynced: "2026-03-03T10:00:00Z" };
        expect(await integration.sync(synced)).toBe(synced);
        expect(await integration.close(synced, ic)).toEqual({
            SyncStatus: "CLOSED",
            LastSynced: "2026-03-03T10:00:00Z",
        });
    });
});

describe("FloorForce integration", () => {
    it("posts the whole form once and records SYNCED", async () => {
        const client = new FakeFloorForce();
        const floorforce = new FloorForceIntegration({ floorforce: client });
        const fake = fakeContext();
        const lead = actOnLead();
        const state = await floorforce.create(NOT_SYNCED, integrationContext(fake.ctx, lead));
        expect(state.SyncStatus).toBe("SYNCED");
        expect(fake.steps).toEqual(["Create FloorForce lead"]);
        expect(client.forms).toEqual([lead.Lead]);
        expect(client.idempotency.keys).toEqual([`${lead.LeadId}:FloorForce:create`]);
    });

    it("stores the form once when the step runs again after FloorForce stored it (crash before the journal entry)", async () => {
        const client = new FakeFloorForce();
        const floorforce = new FloorForceIntegration({ floorforce: client });
        const lead = actOnLead();
        // Attempt 1 posts, and dies before the step's result is journaled: attempt 2 has nothing to replay.
        await floorforce.create(NOT_SYNCED, integrationContext(fakeContext().ctx, lead));
        const state = await floorforce.create(NOT_SYNCED, integrationContext(fakeContext({ replay: [] }).ctx, lead));
        expect(state.SyncStatus).toBe("SYNCED");
        expect(client.forms).toHaveLength(1);
        expect(client.idempotency.keys).toHaveLength(2);
    });

    it("records ERROR when FloorForce fails, and closes to CLOSED", async () => {
        const client = new FakeFloorForce();
        client.failures.failWhen(() => rejected("FloorForce"));
        const floorforce = new FloorForceIntegration({ floorforce: client });
        const ic = integrationContext(fakeContext().ctx, actOnLead());
        const failed = await floorforce.create(NOT_SYNCED, ic);
        expect(failed).toMatchObject({
            SyncStatus: "ERROR",
            ErrorInfo: { Message: "Failed to create FloorForce Lead" },
        });
        expect((await floorforce.close(failed, ic)).SyncStatus).toBe("CLOSED");
        expect(client.forms).toEqual([]);
    });
});
