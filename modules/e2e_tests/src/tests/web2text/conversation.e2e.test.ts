/**
 * A Web2Text lead's masked thread through ingress, with the sandbox as Twilio: one conversation and one
 * greeting per side, a customer's reply reaching the dealer and syncing the lead, and the close notice when
 * the last lead closes.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import {
    conversation,
    conversationsOfLead,
    inbox,
    inboxOf,
    lastCallSeq,
    textAs,
    webhookCalls,
} from "../../support/twilio";
import {
    closeLead,
    createLead,
    leadWhen,
    SLOW_STACK_MS,
    sharedTarget,
    store,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const t = () => sharedTarget();
const chicago = store("chicago");

describe.concurrent("a Web2Text lead's conversation", WEB2TEXT_TEST_TIMEOUT, () => {
    it("opens one conversation in which the dealer and the customer each receive exactly one greeting", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t(), web2TextLead("chicago", phone, { Name: "Greta Greeting" }));
        const twilio = await twilioSynced(t(), leadId);

        const [thread, ...others] = await conversationsOfLead(t(), leadId);
        expect(others).toEqual([]);
        expect(thread).toMatchObject({
            sid: twilio.ConversationSID,
            state: "active",
            uniqueName: `web2text-${leadId}`,
            attributes: {
                LeadIds: [leadId],
                StorePhoneNumber: chicago.web2TextNumber,
                DealerName: chicago.retailer.name,
                CustomerName: "Greta Greeting",
            },
        });
        expect(thread?.participants.map((p) => p.identity ?? p.address).sort()).toEqual(
            [phone, chicago.web2TextNumber, "Broadlume"].sort(),
        );
        expect(thread?.webhooks.map((w) => w.url)).toEqual([
            `${t().ingress}/TwilioWebhooks/sync`,
            `${t().ingress}/TwilioWebhooks/close`,
        ]);

        const customerGot = await inbox(t(), phone);
        expect(customerGot).toEqual([
            expect.objectContaining({ from: twilio.CustomerProxyNumber, conversationSid: twilio.ConversationSID }),
        ]);
        expect(customerGot[0]?.body).toContain(`connected with ${chicago.retailer.name}`);
        const dealerGot = await inboxOf(t(), chicago.web2TextNumber, twilio.ConversationSID);
        expect(dealerGot).toHaveLength(1);
        expect(dealerGot[0]).toMatchObject({ from: twilio.StoreProxyNumber });
        expect(dealerGot[0]?.body).toContain("Greta Greeting");
        expect(dealerGot[0]?.body).toContain("Is the white oak in stock?");

        await closeLead(t(), leadId, "Test finished");
    });

    it("carries the customer's reply to the dealer, and the webhook makes the lead sync", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t(), web2TextLead("evanston", phone));
        const twilio = await twilioSynced(t(), leadId);
        const before = await leadWhen(t(), leadId, "is idle after its first syncs", (l) => l.Status === "ACTIVE");
        const lastSynced = before.Integrations.Twilio?.LastSynced ?? "";
        const since = await lastCallSeq(t());

        const reply = `Yes, Saturday works - ${crypto.randomUUID().slice(0, 8)}`;
        const sent = await textAs(t(), phone, twilio.CustomerProxyNumber, reply);
        expect(sent).toMatchObject({ delivered: "conversation", conversationSid: twilio.ConversationSID });

        const dealerGot = await inboxOf(t(), store("evanston").web2TextNumber, twilio.ConversationSID);
        expect(dealerGot.at(-1)).toMatchObject({ from: twilio.StoreProxyNumber, body: reply });
        const hook = await eventually(
            "the sync webhook for the reply",
            async () =>
                (await webhookCalls(t(), since)).find(
                    (c) => c.body.eventType === "onMessageAdded" && c.body.params.MessageSid === sent.messageSid,
                ),
            SLOW_STACK_MS,
        );
        expect(hook.body).toMatchObject({ url: `${t().ingress}/TwilioWebhooks/sync`, status: 200 });

        const synced = await leadWhen(t(), leadId, "synced after the reply", (l) => {
            const rlm = l.Integrations.RLM?.Data;
            const copied = JSON.stringify(rlm ?? {}).includes(sent.messageSid ?? "?");
            return copied && (l.Integrations.Twilio?.LastSynced ?? "") > lastSynced;
        });
        expect(synced.Integrations.Twilio?.SyncStatus).toBe("SYNCED");

        await closeLead(t(), leadId, "Test finished");
    });

    it("sends exactly one close message to the dealer and closes the conversation when the last lead closes", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t(), web2TextLead("chicago", phone, { Name: "Carl Closer" }));
        const twilio = await twilioSynced(t(), leadId);

        const closed = await closeLead(t(), leadId, "Bought elsewhere");
        expect(closed).toMatchObject({ Status: "CLOSED", CloseReason: "Bought elsewhere" });
        expect(closed.Integrations.Twilio).toMatchObject({
            SyncStatus: "CLOSED",
            Data: { ConversationStatus: "closed" },
        });
        expect((await conversation(t(), twilio.ConversationSID)).state).toBe("closed");

        const dealerGot = await inboxOf(t(), chicago.web2TextNumber, twilio.ConversationSID);
        const notices = dealerGot.filter((m) => m.body.includes("has expired"));
        expect(notices).toHaveLength(1);
        expect(notices[0]?.body).toContain("Carl Closer");
        expect(notices[0]?.body).toContain("Reason: Bought elsewhere");
        expect((await inbox(t(), phone)).filter((m) => m.body.includes("has expired"))).toEqual([]);

        // Closing again changes nothing: no second notice.
        await closeLead(t(), leadId, "Again");
        expect(await inboxOf(t(), chicago.web2TextNumber, twilio.ConversationSID)).toHaveLength(dealerGot.length);
    });

    it("answers a customer who texts the thread after it closed with the dealer's contact details", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t(), web2TextLead("evanston", phone));
        const twilio = await twilioSynced(t(), leadId);
        await closeLead(t(), leadId, "Test finished");

        const result = await textAs(t(), phone, twilio.CustomerProxyNumber, "Hello? Still there?");
        expect(result).toMatchObject({ delivered: "webhook", webhook: { status: 200 } });
        const evanston = store("evanston");
        expect(result.reply).toContain("This text thread has expired");
        expect(result.reply).toContain(`To reach ${evanston.retailer.name}`);
        expect(result.reply).toContain(evanston.retailer.website_url);
        expect((await inbox(t(), phone)).at(-1)).toMatchObject({
            from: twilio.CustomerProxyNumber,
            body: result.reply,
        });
    });

    it("gives a number with no thread history no reply", async () => {
        const stranger = uniquePhone();
        const result = await textAs(t(), stranger, "+12125550101", "Who is this?");
        expect(result).toMatchObject({ delivered: "webhook", webhook: { status: 200 } });
        expect(result.reply).toBeUndefined();
        expect(await inbox(t(), stranger)).toEqual([]);
    });
});
