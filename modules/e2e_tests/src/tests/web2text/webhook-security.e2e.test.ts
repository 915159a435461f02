/**
 * Twilio's calls are signature-checked against the public ingress URL: unsigned, forged, tampered or
 * misaddressed requests get 401 and change nothing. `close` acts only on a move to `closed`.
 * `checkOptInStatus` is JSON behind an API key.
 */
import { describe, expect, it } from "vitest";
import { seedApiKey } from "../../support/dynamo";
import { conversation, postWebhook, twilioSignature, webhookUrl } from "../../support/twilio";
import {
    createLead,
    ingress,
    leadState,
    leadWhen,
    sharedTarget,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const t = () => sharedTarget();

describe.concurrent("Twilio webhook security", WEB2TEXT_TEST_TIMEOUT, () => {
    it("rejects unsigned and forged webhooks with 401, and nothing changes", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t(), web2TextLead("evanston", phone));
        const twilio = await twilioSynced(t(), leadId);
        const closeForm = {
            EventType: "onConversationStateUpdated",
            ConversationSid: twilio.ConversationSID,
            StateFrom: "active",
            StateTo: "closed",
            Reason: "TIMER",
        };
        const stopForm = { From: phone, To: twilio.CustomerProxyNumber, Body: "STOP", OptOutType: "STOP" };
        const syncForm = { EventType: "onMessageAdded", ConversationSid: twilio.ConversationSID };
        const forgeries: [string, string, Record<string, string>, string | null][] = [
            ["unsigned close", "close", closeForm, null],
            [
                "close signed with another token",
                "close",
                closeForm,
                twilioSignature(webhookUrl(t(), "close"), closeForm, "not-the-token"),
            ],
            [
                "close signed for another handler",
                "close",
                closeForm,
                twilioSignature(webhookUrl(t(), "sync"), closeForm),
            ],
            [
                "close with a tampered parameter",
                "close",
                closeForm,
                twilioSignature(webhookUrl(t(), "close"), { ...closeForm, StateTo: "inactive" }),
            ],
            ["unsigned STOP", "onIncomingMessage", stopForm, null],
            ["forged STOP", "onIncomingMessage", stopForm, "bm90IGEgc2lnbmF0dXJl"],
            ["unsigned sync", "sync", syncForm, null],
        ];
        for (const [what, handler, form, signature] of forgeries) {
            const res = await postWebhook(t(), handler, form, { signature });
            expect(res.status, `${what}: ${res.text}`).toBe(401);
        }

        const synced = await ingress(t(), `/Lead/${leadId}/sync`, { body: {} });
        expect(synced.status, synced.text).toBe(200);
        expect(await leadState(t(), leadId)).toMatchObject({ Status: "ACTIVE" });
        expect((await conversation(t(), twilio.ConversationSID)).state).toBe("active");
        const optIn = await ingress(t(), "/TwilioWebhooks/checkOptInStatus", { body: { PhoneNumber: phone } });
        expect(optIn.body).toEqual({ Status: "OPTED-IN" });
        await ingress(t(), `/Lead/${leadId}/close`, { body: { reason: "Test finished" } });
    });

    it("closes leads only when the conversation moved to closed (not on active → inactive)", async () => {
        const leadId = await createLead(t(), web2TextLead("evanston", uniquePhone()));
        const twilio = await twilioSynced(t(), leadId);
        const event = {
            EventType: "onConversationStateUpdated",
            ConversationSid: twilio.ConversationSID,
            Reason: "TIMER",
        };

        const inactive = await postWebhook(t(), "close", { ...event, StateFrom: "active", StateTo: "inactive" });
        expect(inactive.status, inactive.text).toBe(200);
        // A sync queues behind anything the webhook sent the lead, so it would see a close that was sent.
        const synced = await ingress<{ Status: string; CloseReason?: string }>(t(), `/Lead/${leadId}/sync`, {
            body: {},
        });
        expect(synced.status, synced.text).toBe(200);
        expect(synced.body).toMatchObject({ Status: "ACTIVE" });
        expect(synced.body.CloseReason).toBeUndefined();

        const closed = await postWebhook(t(), "close", { ...event, StateFrom: "inactive", StateTo: "closed" });
        expect(closed.status, closed.text).toBe(200);
        const lead = await leadWhen(t(), leadId, "is closed", (l) => l.Status === "CLOSED");
        expect(lead.CloseReason).toBe("Inactivity");
    });

    it("answers a signed incoming text with TwiML as text/xml (empty when there is nothing to say)", async () => {
        const res = await postWebhook(t(), "onIncomingMessage", {
            MessageSid: "SM00000000000000000000000000000001",
            From: uniquePhone(),
            To: "+12125550101",
            Body: "hello?",
        });
        expect(res.status, res.text).toBe(200);
        expect(res.contentType).toBe("text/xml");
        expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    });

    it("refuses a webhook that is not form-encoded", async () => {
        const res = await fetch(webhookUrl(t(), "onIncomingMessage"), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ From: "+13125550100", To: "+12125550101", Body: "hi" }),
        });
        expect(res.status).toBe(400);
    });

    it("answers checkOptInStatus behind an API key for TwilioWebhooks/getOptInNumber", async () => {
        const path = "/TwilioWebhooks/checkOptInStatus";
        const phone = uniquePhone();
        const allowed = await seedApiKey(["TwilioWebhooks/getOptInNumber"]);
        const other = await seedApiKey(["Lead/status"]);

        const ok = await ingress(t(), path, { body: { PhoneNumber: phone.slice(2) }, auth: `Bearer ${allowed}` });
        expect(ok).toMatchObject({ status: 200, body: { Status: "OPTED-IN" } });
        expect((await ingress(t(), path, { body: { PhoneNumber: phone }, auth: null })).status).toBe(401);
        const wrongKey = await ingress<{ message: string }>(t(), path, {
            body: { PhoneNumber: phone },
            auth: `Bearer ${other}`,
        });
        expect(wrongKey.status).toBe(401);
        expect(wrongKey.body.message).toBe("API Key does not have authorization for 'TwilioWebhooks/getOptInNumber'");
        for (const body of [{}, { PhoneNumber: "12" }, { PhoneNumber: 5 }, undefined]) {
            const bad = await ingress<{ message: string }>(t(), path, { body, auth: `Bearer ${allowed}` });
            expect(bad.status).toBe(400);
            expect(bad.body.message).toBe("'PhoneNumber' in POST body is missing or invalid");
        }
    });
});
