import { describe, expect, it } from "vitest";
import { BotpressIntegration } from "../../src/integrations/botpress/botpress.integration";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import { fakeContext, integrationContext } from "./fake-context";
import { FakeBotpress, unavailable } from "./fake-vendors";
import { BOTPRESS_ROW, web2TextLead } from "./fixtures";

const NOT_SYNCED: IntegrationState = { SyncStatus: "NOT SYNCED" };

function setup(conversationId: string | null = "bp-demo-1") {
    const botpress = new FakeBotpress();
    const integration = new BotpressIntegration({ botpress });
    const fake = fakeContext();
    const lead = web2TextLead(conversationId ? { BotpressConversationId: conversationId } : {});
    return { botpress, integration, fake, ic: integrationContext(fake.ctx, lead) };
}

describe("Botpress integration", () => {
    it("runs only for leads with a Botpress conversation id", async () => {
        const withId = setup("bp-demo-1");
        expect(await withId.integration.shouldRun(withId.ic)).toBe(true);
        const without = setup(null);
        expect(await without.integration.shouldRun(without.ic)).toBe(false);
    });

    it("stores the summary row on create", async () => {
        const t = setup();
        t.botpress.rows.push(BOTPRESS_ROW);
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state).toMatchObject({
            SyncStatus: "SYNCED",
            Data: { ConversationId: "bp-demo-1", Conversation: BOTPRESS_ROW },
        });
        expect(t.fake.steps).toEqual(["Fetch Botpress AI summary"]);
    });

    it("records ERROR 'No Botpress AI Summary found' without LastSynced, so a later sync looks again", async () => {
        const t = setup();
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state).toMatchObject({ SyncStatus: "ERROR", ErrorInfo: { Message: "No Botpress AI Summary found" } });
        expect(state.LastSynced).toBeUndefined();
    });

    it("records a readable ERROR when Botpress is down", async () => {
        const t = setup();
        t.botpress.failures.failWhen(() => unavailable("Botpress"));
        const state = await t.integration.create(NOT_SYNCED, t.ic);
        expect(state.ErrorInfo).toMatchObject({
            Message: "Error with Botpress table API",
            Details: { message: "Botpress: answered 503" },
        });
    });

    it("does nothing on sync and closes without a call", async () => {
        const t = setup();
        const synced: IntegrationState = { SyncStatus: "SYNCED", Data: {}, LastSynced: "2026-03-03T10:00:00Z" };
        expect(await t.integration.sync(synced)).toBe(synced);
        expect((await t.integration.close(synced, t.ic)).SyncStatus).toBe("CLOSED");
        expect(t.botpress.lookups).toBe(0);
    });
});
