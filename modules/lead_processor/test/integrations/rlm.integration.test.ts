import { describe, expect, it } from "vitest";
import { RlmIntegration } from "../../src/integrations/rlm/rlm.integration";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import { fakeContext, integrationContext } from "./fake-context";
import { FakeConversation, FakeDirectory, FakeRlm, rejected, unavailable } from "./fake-vendors";
import { message, twilioSynced, web2TextLead } from "./fixtures";

const NOT_SYNCED: IntegrationState = { SyncStatus: "NOT SYNCED" };
const STORE_ID = "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01";

function setup(options: { override?: string; rlmKey?: string | null } = {}) {
    const rlm = new FakeRlm();
    rlm.mappings = [{ dhq_store_id: STORE_ID, location_name: "Chicago Showroom" }];
    const directory = new FakeDirectory();
    const lead = web2TextLead();
    directory.retailers.set(lead.UniversalRetailerId, {
        rlm_api_key: options.rlmKey === undefined ? "rlm-key-prairie-floors" : options.rlmKey,
    });
    directory.locations.set(lead.Lead.LocationId, { universal_id: STORE_ID, street_address: "100 W Randolph St" });
    const conversation = new FakeConversation();
    const integration = new RlmIntegration({
        rlm,
        directory,
        messages: conversation,
        apiKeyOverride: options.override,
    });
    const fake = fakeContext();
    const ic = integrationContext(fake.ctx, lead, { Twilio: twilioSynced });
    return { rlm, directory, conversation, integration, fake, ic, lead };
}

describe("RLM integration", () => {
    it("creates the lead with the retailer's key and mapped location, then copies the conversation", async () => {
        const t = setup();
        const m = message();
        t.conversation.messages.push(m);
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(t.rlm.leads).toHaveLength(1);
        expect(t.rlm.leads[0]?.apiKey).toBe("rlm-key-prairie-floors");
        expect(t.rlm.leads[0]?.lead).toMatchObject({ location_name: "Chicago Showroom", first_name: "Jane" });
        expect(state).toMatchObject({
            SyncStatus: "SYNCED",
            Data: {
                LeadId: 70001,
                LeadUUID: "rlm-uuid-1",
                LocationName: "Chicago Showroom",
                SyncedMessageIds: [m.sid],
                SentBotpressSummary: false,
            },
        });
        expect(state.LastSynced).toBeTruthy();
        expect(t.fake.steps.slice(0, 3)).toEqual([
            "Fetch Nexus store and retailer",
            "Find RLM location name",
            "Create RLM lead",
        ]);
        expect(t.rlm.idempotency.keys).toEqual([`${t.lead.LeadId}:RLM:create`, `${t.lead.LeadId}:RLM:${m.sid}`]);
    });

    it("creates one RLM lead when RLM stored it but the answer was lost: ERROR, then the next create replays", async () => {
        const t = setup();
        t.rlm.idempotency.loseNextAnswers(1);
        const failed = await t.integration.create(NOT_SYNCED, t.ic);
        expect(failed).toMatchObject({ SyncStatus: "ERROR", ErrorInfo: { Message: "Error with RLM lead endpoint" } });
        expect(failed.LastSynced).toBeUndefined();
        const state = await t.integration.create(
            failed,
            integrationContext(fakeContext().ctx, t.lead, t.ic.integrations),
        );
        expect(state).toMatchObject({ SyncStatus: "SYNCED", Data: { LeadId: 70001, LeadUUID: "rlm-uuid-1" } });
        expect(t.rlm.leads).toHaveLength(1);
    });

    it("uses RLM_API_KEY_OVERRIDE without reading the retailer", async () => {
        const t = setup({ override: "rlm-override-demo", rlmKey: null });
        await t.integration.create(NOT_SYNCED, t.ic);
        expect(t.rlm.leads[0]?.apiKey).toBe("rlm-override-demo");
    });

    it("uses the retailer and store the lead's create kept: no Nexus read", async () => {
        const t = setup({ rlmKey: null });
        t.ic.shared.directory = {
            retailer: { rlm_api_key: "rlm-key-kept" },
            location: { universal_id: STORE_ID },
        };
        await t.integration.create(NOT_SYNCED, t.ic);
        expect(t.rlm.leads[0]?.apiKey).toBe("rlm-key-kept");
        expect(t.rlm.leads[0]?.lead).toMatchObject({ location_name: "Chicago Showroom" });
        expect(t.fake.steps.filter((s) => s.includes("Nexus"))).toEqual([]);
    });

    it("records ERROR 'RLM API Key is missing' without LastSynced, so the next sync creates again", async () => {
        const t = setup({ rlmKey: null });
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state.SyncStatus).toBe("ERROR");
        expect(state.ErrorInfo?.Message).toBe("RLM API Key is missing");
        expect(state.LastSynced).toBeUndefined();
        expect(t.rlm.leads).toEqual([]);
    });

    it("uses the pipeline default when the mapping cannot be read", async () => {
        const t = setup();
        t.rlm.mappingsError = new Error("mapping down");
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(t.rlm.leads[0]?.lead.location_name).toBe("Per Pipeline configuration");
        expect(state.Data).toMatchObject({ LocationName: "Per Pipeline configuration" });
    });

    it.each([
        ["a rejection", rejected("RLM")],
        ["an outage", unavailable("RLM")],
    ])("turns %s of the lead create into ERROR without LastSynced", async (_what, error) => {
        const t = setup();
        t.rlm.createFailures.failWhen(() => error);
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state).toMatchObject({ SyncStatus: "ERROR", ErrorInfo: { Message: "Error with RLM lead endpoint" } });
        expect(state.LastSynced).toBeUndefined();
        expect(state.Data).toBeUndefined();
    });

    it("keeps the created lead when the copy after create fails, so the next sync does not create again", async () => {
        const t = setup();
        t.conversation.messages.push(message());
        t.rlm.noteFailures.failWhen(() => unavailable("RLM"));
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state.SyncStatus).toBe("ERROR");
        expect(state.LastSynced).toBeTruthy();
        expect(state.Data).toMatchObject({ LeadId: 70001, SyncedMessageIds: [] });
    });

    it("closes without calling RLM", async () => {
        const t = setup();
        const synced: IntegrationState = {
            SyncStatus: "SYNCED",
            Data: { LeadId: 1 },
            LastSynced: "2026-03-03T10:00:00Z",
        };
        const state = await t.integration.close(synced, t.ic);
        expect(state).toEqual({ SyncStatus: "CLOSED", Data: { LeadId: 1 }, LastSynced: "2026-03-03T10:00:00Z" });
        expect(t.fake.steps).toEqual([]);
    });

    it("refuses to sync a state without RLM lead data", async () => {
        const t = setup();
        await expect(t.integration.sync({ SyncStatus: "SYNCED" }, t.ic)).rejects.toThrow(/no RLM lead/);
    });
});
