/**
 * Webhooks can be lost (Twilio does not queue them; the sandbox drops them with its `webhooks` fault), so every
 * open WEB2TEXT lead re-reads its conversation on a durable timer, `LEAD_RECONCILE_INTERVAL` — PT5S on this
 * file's own stack. With the next 5 webhook deliveries dropped, a customer's text and the thread closing still
 * reach RLM, DealerHQ and the lead's status, with no operator action, and the timer stops when the lead
 * closes. The thread's closed timer is Twilio's minimum, PT10M, under the sandbox's labelled test-only
 * `fastTimers` (10 s). The timer chain itself is tested in `reconcile-timer.e2e.test.ts`.
 */
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { INTEGRATIONS, syncedMessageIds, waitForLead, waitUntilSynced } from "../../support/leads";
import { useOwnStack } from "../../support/own-stack";
import { leadInvocationRows, leadInvocationsAt, leadStateKeys } from "../../support/sandbox";
import { lastCallSeq, textAs, webhookCalls } from "../../support/twilio";
import { SandboxVendors } from "../../support/vendors";
import { createLead, TwilioView, uniquePhone, WEB2TEXT_TEST_TIMEOUT, web2TextLead } from "../../support/web2text";

const t = useOwnStack({
    leadProcessorEnv: {
        LEAD_RECONCILE_INTERVAL: "PT5S",
        TWILIO_CONVERSATION_INACTIVE_TIMER: "PT1M",
        TWILIO_CONVERSATION_CLOSED_TIMER: "PT10M",
    },
    sandboxEnv: { SANDBOX_FAST_TIMERS: "true" },
});
const vendors = new SandboxVendors(t);
afterEach(async () => {
    await vendors.clearFaults();
});

const pending = async (leadId: string) =>
    (await leadInvocationRows(t.admin, leadId, "reconcile")).filter((r) => r.status !== "completed");

describe("lost webhooks heal within one LEAD_RECONCILE_INTERVAL", WEB2TEXT_TEST_TIMEOUT, () => {
    it("a customer's text and the thread closing reach RLM, DealerHQ and the lead with the next 5 webhooks dropped", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t, web2TextLead("chicago", phone));
        const lead = await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
        const sid = TwilioView.parse(lead.Integrations.Twilio?.Data).ConversationSID;
        const customerPool = TwilioView.parse(lead.Integrations.Twilio?.Data).CustomerProxyNumber;
        const since = await lastCallSeq(t);

        await vendors.fault({ service: "webhooks", count: 5 });
        const text = await textAs(t, phone, customerPool, "Can I come by on Saturday?");
        const dropped = await eventually("the text's webhook, dropped", async () =>
            (await webhookCalls(t, since)).find((c) => c.body.params.MessageSid === text.messageSid),
        );
        expect(dropped.body.dropped).toBe(true);

        // The reconcile timer copies the text to both vendors.
        const copied = await waitForLead(t, leadId, "the text copied", (l) =>
            (["RLM", "DHQ"] as const).every((n) => syncedMessageIds(l, n).includes(text.messageSid ?? "?")),
        );
        expect(copied.Status).not.toBe("CLOSED");
        const [rlm] = (await vendors.rlm()).filter((r) => r.notes.some((n) => n.message.includes("Saturday")));
        const [dhq] = (await vendors.dhq()).filter((r) => r.comments.some((c) => c.body.includes("Saturday")));
        expect(rlm?.notes.filter((n) => n.message.includes("Saturday"))).toHaveLength(1);
        expect(dhq?.comments.filter((c) => c.body.includes("Saturday"))).toHaveLength(1);

        // Twilio closes the idle thread (its closed timer); that webhook is lost too, and the timer closes the lead.
        const closedHook = await eventually(
            "the thread's closed-state webhook, dropped",
            async () =>
                (await webhookCalls(t, since)).find(
                    (c) => c.body.eventType === "onConversationStateUpdated" && c.body.params.StateTo === "closed",
                ),
            60_000,
        );
        expect(closedHook.body.dropped).toBe(true);
        const closed = await waitForLead(t, leadId, "the lead closed", (l) => l.Status === "CLOSED");
        expect(closed.CloseReason).toBe("Inactivity");
        expect(closed.Integrations.Twilio).toMatchObject({
            SyncStatus: "CLOSED",
            Data: { ConversationStatus: "closed" },
        });

        // No webhook of this thread reached the product: the reconcile timer did all of it.
        const threadCalls = (await webhookCalls(t, since)).filter((c) => c.body.conversationSid === sid);
        expect(threadCalls.length).toBeGreaterThanOrEqual(2);
        expect(threadCalls.filter((c) => c.body.dropped !== true)).toEqual([]);
        expect((await leadInvocationsAt(t.admin, leadId, "reconcile")).length).toBeGreaterThanOrEqual(2);

        // The timer stops once the lead is closed.
        await eventually("no reconcile pending", async () => ((await pending(leadId)).length === 0 ? true : undefined));
        // No reconcile token left; the closed lead's expiry (LEAD_RETENTION) is pending instead.
        expect((await leadStateKeys(leadId, t.admin)).sort()).toEqual(["expiry", "lead"]);
    });
});
