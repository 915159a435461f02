import { describe, expect, it } from "vitest";
import { DhqIntegration } from "../../src/integrations/dhq/dhq.integration";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import { fakeContext, integrationContext } from "./fake-context";
import { FakeConversation, FakeDhq, FakeDirectory, rejected } from "./fake-vendors";
import { CONVERSATION_SID, message, twilioSynced, web2TextLead } from "./fixtures";

const NOT_SYNCED: IntegrationState = { SyncStatus: "NOT SYNCED" };

function setup(
    store: { universal_id?: string | null; street_address?: string | null } | null = {
        universal_id: "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01",
        street_address: "100 W Randolph St",
    },
) {
    const dhq = new FakeDhq();
    const directory = new FakeDirectory();
    const lead = web2TextLead();
    if (store) directory.locations.set(lead.Lead.LocationId, store);
    const conversation = new FakeConversation();
    const integration = new DhqIntegration({ dhq, directory, messages: conversation });
    const fake = fakeContext();
    const ic = integrationContext(fake.ctx, lead, { Twilio: twilioSynced });
    return { dhq, conversation, integration, fake, ic, lead };
}

describe("DHQ integration", () => {
    it("submits the store inquiry for the retailer, then copies the conversation as comments", async () => {
        const t = setup();
        const m = message({ body: "Hi\nthere" });
        t.conversation.messages.push(m);
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(t.dhq.inquiries).toHaveLength(1);
        expect(t.dhq.inquiries[0]?.retailerId).toBe(t.lead.UniversalRetailerId);
        expect(t.dhq.inquiries[0]?.body.custom_fields[1]?.value).toBe(CONVERSATION_SID);
        expect(t.dhq.comments).toEqual([
            { leadId: "880001", comment: { body: "**| Jane Q Public**\n\nHi\n\nthere", author_id: 262 } },
        ]);
        expect(state).toMatchObject({
            SyncStatus: "SYNCED",
            Data: { LeadId: "880001", SyncedMessageIds: [m.sid], SentBotpressSummary: false },
        });
        expect(t.fake.steps.slice(0, 2)).toEqual(["Fetch Nexus store and retailer", "Create DHQ lead"]);
        expect(t.dhq.idempotency.keys).toEqual([`${t.lead.LeadId}:DHQ:create`, `${t.lead.LeadId}:DHQ:${m.sid}`]);
    });

    it("uses the store the lead's create kept: no Nexus read", async () => {
        const t = setup(null);
        t.ic.shared.directory = {
            retailer: {},
            location: { universal_id: "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01", street_address: "9 Kept St" },
        };
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state.SyncStatus).toBe("SYNCED");
        expect(t.dhq.inquiries[0]?.body.store_address).toBe("9 Kept St");
        expect(t.fake.steps.filter((s) => s.includes("Nexus"))).toEqual([]);
    });

    it("submits one inquiry when DealerHQ stored it but the answer was lost: ERROR, then the next create replays", async () => {
        const t = setup();
        t.dhq.idempotency.loseNextAnswers(1);
        const failed = await t.integration.create(NOT_SYNCED, t.ic);
        expect(failed.ErrorInfo?.Message).toBe("Error with DHQ lead submit endpoint");
        const state = await t.integration.create(
            failed,
            integrationContext(fakeContext().ctx, t.lead, t.ic.integrations),
        );
        expect(state).toMatchObject({ SyncStatus: "SYNCED", Data: { LeadId: "880001" } });
        expect(t.dhq.inquiries).toHaveLength(1);
    });

    it("records ERROR when the store does not exist in Nexus", async () => {
        const t = setup(null);
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state.ErrorInfo?.Message).toBe(`Store '${t.lead.Lead.LocationId}' does not exist in Nexus API`);
        expect(t.dhq.inquiries).toEqual([]);
    });

    it("turns a refused inquiry into ERROR without LastSynced", async () => {
        const t = setup();
        t.dhq.inquiryFailures.failWhen(() => rejected("DHQ"));
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state).toMatchObject({
            SyncStatus: "ERROR",
            ErrorInfo: { Message: "Error with DHQ lead submit endpoint", Details: { name: "TerminalError" } },
        });
        expect(state.LastSynced).toBeUndefined();
    });

    it("closes without calling DealerHQ", async () => {
        const t = setup();
        const state = await t.integration.close({ SyncStatus: "ERROR", LastSynced: "2026-03-03T10:00:00Z" }, t.ic);
        expect(state.SyncStatus).toBe("CLOSED");
        expect(t.fake.steps).toEqual([]);
    });
});
