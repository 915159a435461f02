/**
 * Twilio's conversation timers close idle leads: a stack of its own whose timers are Twilio's minimums (the
 * service refuses shorter ones), inactive PT1M and closed PT10M, run by the sandbox's labelled test-only
 * acceleration `fastTimers` (60× faster: 1 s and 10 s; room between the two to check the lead is still open
 * while the thread is inactive). Going inactive leaves the lead open; closing closes it with reason "Inactivity".
 */
import type { Stack } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { startOwnStack } from "../../support/own-stack";
import { conversation, conversationsOfLead, inboxOf, webhookCalls } from "../../support/twilio";
import {
    createLead,
    ingress,
    leadWhen,
    SLOW_STACK_MS,
    type StackTarget,
    store,
    targetOf,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

describe("conversation timers", WEB2TEXT_TEST_TIMEOUT, () => {
    let own: Stack | undefined;
    let t: StackTarget;

    beforeAll(async () => {
        own = await startOwnStack({
            leadProcessorEnv: { TWILIO_CONVERSATION_INACTIVE_TIMER: "PT1M", TWILIO_CONVERSATION_CLOSED_TIMER: "PT10M" },
            sandboxEnv: { SANDBOX_FAST_TIMERS: "true" },
        });
        t = targetOf(own);
    });
    afterAll(async () => {
        await own?.stop();
    });

    it("keeps the lead open when its thread goes inactive and closes it with 'Inactivity' when the thread closes", async () => {
        const leadId = await createLead(t, web2TextLead("chicago", uniquePhone()));
        // The thread's SID as soon as it exists: its timers run from then, whatever the sync is still doing.
        const thread = await eventually(
            "the lead's conversation",
            async () => (await conversationsOfLead(t, leadId))[0],
        );
        expect(thread.timers).toMatchObject({ inactive: "PT1M", closed: "PT10M" });
        const twilio = { ConversationSID: thread.sid };

        const wentInactive = await eventually(
            "the state webhook for inactive",
            async () =>
                (await webhookCalls(t)).find(
                    (c) =>
                        c.body.conversationSid === twilio.ConversationSID &&
                        c.body.eventType === "onConversationStateUpdated" &&
                        c.body.params.StateTo === "inactive",
                ),
            SLOW_STACK_MS,
        );
        expect(wentInactive.body).toMatchObject({ url: `${t.ingress}/TwilioWebhooks/close`, status: 200 });
        // A sync queues behind anything that webhook sent the lead: it is still open.
        const synced = await ingress(t, `/Lead/${leadId}/sync`, { body: {} });
        expect(synced).toMatchObject({ status: 200, body: { Status: "ACTIVE" } });

        const closed = await leadWhen(t, leadId, "closed by the closed timer", (l) => l.Status === "CLOSED");
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
