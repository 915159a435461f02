/**
 * A customer texting STOP: the (customer, pool number) opt-out is recorded, every open lead of theirs closes,
 * and new leads from that number are refused until START lifts it.
 */
import { describe, expect, it } from "vitest";
import { leadItem } from "../../support/dynamo";
import { conversation, inbox, textAs } from "../../support/twilio";
import {
    createLead,
    ingress,
    leadWhen,
    sharedTarget,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const t = () => sharedTarget();
const optInStatus = async (phone: string) =>
    (await ingress(t(), "/TwilioWebhooks/checkOptInStatus", { body: { PhoneNumber: phone } })).body;

describe.concurrent("a customer's opt-out", WEB2TEXT_TEST_TIMEOUT, () => {
    it("STOP closes the customer's open leads and later creates are refused; START re-enables the number", async () => {
        const phone = uniquePhone();
        const chicagoLead = await createLead(t(), web2TextLead("chicago", phone));
        const evanstonLead = await createLead(t(), web2TextLead("evanston", phone));
        const [chicago, evanston] = await Promise.all([
            twilioSynced(t(), chicagoLead),
            twilioSynced(t(), evanstonLead),
        ]);

        const stop = await textAs(t(), phone, chicago.CustomerProxyNumber, "STOP");
        expect(stop).toMatchObject({ optOutType: "STOP", webhook: { status: 200 } });
        expect(stop.reply).toBeUndefined();

        for (const leadId of [chicagoLead, evanstonLead]) {
            const closed = await leadWhen(t(), leadId, "closed by the opt-out", (l) => l.Status === "CLOSED");
            // The opt-out webhook closes them; a sync that sees the recorded opt-out first may win the race.
            expect(closed.CloseReason).toMatch(/^(Participant|Customer) opted out of text messaging$/);
            expect(closed.Integrations.Twilio?.SyncStatus).toBe("CLOSED");
            expect(await leadItem(leadId)).toMatchObject({ Status: "CLOSED" });
        }
        expect((await conversation(t(), chicago.ConversationSID)).state).toBe("closed");
        expect((await conversation(t(), evanston.ConversationSID)).state).toBe("closed");
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-OUT", OptInNumbers: [chicago.CustomerProxyNumber] });

        const refused = await ingress<{ message: string }>(t(), `/Lead/${crypto.randomUUID()}/create`, {
            body: web2TextLead("chicago", phone),
        });
        expect(refused.status).toBe(400);
        expect(refused.body.message).toBe(
            "Phone Number is INVALID - Customer phone number has opted-out from our text messaging pool",
        );

        const start = await textAs(t(), phone, chicago.CustomerProxyNumber, "START");
        expect(start).toMatchObject({ optOutType: "START", webhook: { status: 200 } });
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-IN" });
        const again = await createLead(t(), web2TextLead("chicago", phone, { CustomerMessage: "Back again" }));
        const renewed = await twilioSynced(t(), again);
        expect((await inbox(t(), phone)).filter((m) => m.conversationSid === renewed.ConversationSID)).toHaveLength(1);
        await ingress(t(), `/Lead/${again}/close`, { body: { reason: "Test finished" } });
    });

    it("START lifts only the pair it was sent to", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t(), web2TextLead("evanston", phone));
        const twilio = await twilioSynced(t(), leadId);
        await textAs(t(), phone, twilio.CustomerProxyNumber, "STOP");
        const otherPool = twilio.CustomerProxyNumber === "+12125550104" ? "+12125550103" : "+12125550104";
        await textAs(t(), phone, otherPool, "STOP");
        expect(await optInStatus(phone)).toMatchObject({ Status: "OPTED-OUT" });

        await textAs(t(), phone, otherPool, "START");
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-OUT", OptInNumbers: [twilio.CustomerProxyNumber] });
        await textAs(t(), phone, twilio.CustomerProxyNumber, "START");
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-IN" });
        await leadWhen(t(), leadId, "closed by the opt-out", (l) => l.Status === "CLOSED");
    });
});
