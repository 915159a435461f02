/**
 * Twilio's conversation timers close idle leads: a stack of its own with an inactive timer of 3 s and a
 * closed timer of 6 s. Going inactive leaves the lead open; closing closes it with reason "Inactivity".
 */
import type { Stack } from "sandbox/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { startOwnStack } from "../../support/own-stack";
import { conversation, inboxOf, webhookCalls } from "../../support/twilio";
import {
    createLead,
    ingress,
    leadWhen,
    type StackTarget,
    store,
    targetOf,
    twilioSynced,
    uniquePhone,
    web2TextLead,
} from "../../support/web2text";

describe("conversation timers", () => {
    let own: Stack | undefined;
    let t: StackTarget;

    beforeAll(async () => {
        own = await startOwnStack({
            leadProcessorEnv: { TWILIO_CONVERSATION_INACTIVE_TIMER: "PT3S", TWILIO_CONVERSATION_CLOSED_TIMER: "PT6S" },
        });
        t = targetOf(own);
    });
    afterAll(async () => {
        await own?.stop();
    });

    it("keeps the lead open when its thread goes inactive and closes it with 'Inactivity' when the thread closes", async () => {
        const leadId = await createLead(t, web2TextLead("chicago", uniquePhone()));
        const twilio = await twilioSynced(t, leadId);
        expect((await conversation(t, twilio.ConversationSID)).timers).toMatchObject({
            inactive: "PT3S",
            closed: "PT6S",
        });

        await eventually("the thread to go inactive", async () =>
            (await conversation(t, twilio.ConversationSID)).state === "inactive" ? true : undefined,
        );
        const wentInactive = await eventually("the state webhook for inactive", async () =>
            (await webhookCalls(t)).find(
                (c) => c.body.eventType === "onConversationStateUpdated" && c.body.params.StateTo === "inactive",
            ),
        );
        expect(wentInactive.body).toMatchObject({ url: `${t.ingress}/TwilioWebhooks/close`, status: 200 });
        // A sync queues behind anything that webhook sent the lead: it is still open.
        const synced = await ingress(t, `/Lead/${leadId}/sync`, { body: {} });
        expect(synced).toMatchObject({ status: 200, body: { Status: "ACTIVE" } });

        const closed = await leadWhen(t, leadId, "closed by the closed timer", (l) => l.Status === "CLOSED", 30_000);
        expect(closed.CloseReason).toBe("Inactivity");
        expect(closed.Integrations.Twilio).toMatchObject({
            SyncStatus: "CLOSED",
            Data: { ConversationStatus: "closed" },
        });
        expect((await conversation(t, twilio.ConversationSID)).state).toBe("closed");
        // Twilio closed the thread itself: there is nothing to post a notice to.
        const dealer = await inboxOf(t, store("chicago").web2TextNumber, twilio.ConversationSID);
        expect(dealer.filter((m) => m.body.includes("has expired"))).toEqual([]);
    });
});
