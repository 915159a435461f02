/**
 * Twilio documents no retry count for conversation-scoped webhooks, so the sandbox's `webhookRetries` offers each
 * answer; the default (0, a failed delivery is lost) is covered by `lost-webhooks.e2e.test.ts`. Here Twilio
 * retries: the product takes the retried delivery (same `I-Twilio-Idempotency-Token`, `RetryCount` > 0) like
 * the first, and a text whose first delivery failed is copied once, at once, without waiting for the reconcile
 * timer (left at its default, an hour).
 */
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { INTEGRATIONS, syncedMessageIds, waitForLead, waitUntilSynced } from "../../support/leads";
import { useOwnStack } from "../../support/own-stack";
import { lastCallSeq, textAs, webhookCalls } from "../../support/twilio";
import { SandboxVendors } from "../../support/vendors";
import { createLead, TwilioView, uniquePhone, WEB2TEXT_TEST_TIMEOUT, web2TextLead } from "../../support/web2text";

const t = useOwnStack({ sandboxEnv: { SANDBOX_WEBHOOK_RETRIES: "2" } });
const vendors = new SandboxVendors(t);
afterEach(async () => {
    await vendors.clearFaults();
});

describe("webhookRetries: 2 (Twilio retrying a failed webhook)", WEB2TEXT_TEST_TIMEOUT, () => {
    it("a text whose first delivery was lost arrives with the retry and is copied once to RLM and DealerHQ", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t, web2TextLead("chicago", phone));
        const lead = await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
        const customerPool = TwilioView.parse(lead.Integrations.Twilio?.Data).CustomerProxyNumber;
        const since = await lastCallSeq(t);

        await vendors.fault({ service: "webhooks", count: 1 });
        const text = await textAs(t, phone, customerPool, "Do you install on weekends?");
        const attempts = await eventually("the dropped delivery and its retry", async () => {
            const calls = (await webhookCalls(t, since)).filter(
                (c) => c.body.params.MessageSid === text.messageSid && c.body.eventType === "onMessageAdded",
            );
            return calls.some((c) => !c.body.dropped) ? calls : undefined;
        });
        expect(attempts.map((c) => [c.body.params.RetryCount, c.body.dropped === true])).toEqual([
            ["0", true],
            ["1", false],
        ]);
        expect(attempts[1]?.body.status).toBe(200);

        const copied = await waitForLead(t, leadId, "the text copied by the retried webhook's sync", (l) =>
            (["RLM", "DHQ"] as const).every((n) => syncedMessageIds(l, n).includes(text.messageSid ?? "?")),
        );
        expect(copied.Status).toBe("ACTIVE");
        const notes = (await vendors.rlm()).flatMap((r) => r.notes).filter((n) => n.message.includes("weekends"));
        const comments = (await vendors.dhq()).flatMap((r) => r.comments).filter((c) => c.body.includes("weekends"));
        expect(notes).toHaveLength(1);
        expect(comments).toHaveLength(1);
    });
});
