import { describe, expect, it } from "vitest";
import { ActOnIntegration } from "../../src/integrations/acton/acton.integration";
import { FloorForceIntegration } from "../../src/integrations/floorforce/floorforce.integration";
import type { IntegrationState } from "../../src/lead/lead-state";
import { fakeContext, integrationContext } from "./fake-context";
import { FakeActOn, FakeFloorForce, rejected } from "./fake-vendors";
import { actOnLead } from "./fixtures";

const NOT_SYNCED: IntegrationState = { SyncStatus: "NOT SYNCED" };

describe("ActOn integration", () => {
    it("adds the contact without listId to the lead's list, in one journaled step", async () => {
        const acton = new FakeActOn();
        const fake = fakeContext();
        const lead = actOnLead({ notes: "call after 5" });
        const state = await new ActOnIntegration({ acton }).create(NOT_SYNCED, integrationContext(fake.ctx, lead));
        expect(acton.records).toEqual([
            {
                listId: "l-0001",
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
        expect(fake.steps).toEqual(["Add ActOn list record"]);
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
        const floorforce = new FloorForceIntegration({ floorforce: new FakeFloorForce() });
        const fake = fakeContext();
        const lead = actOnLead();
        const state = await floorforce.create(NOT_SYNCED, integrationContext(fake.ctx, lead));
        expect(state.SyncStatus).toBe("SYNCED");
        expect(fake.steps).toEqual(["Create FloorForce lead"]);
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
