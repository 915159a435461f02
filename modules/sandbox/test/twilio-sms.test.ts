import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { twimlMessages } from "../src/vendors/twilio/inbound";
import { account, conversationWithTwoPhones, eventually, useTwilioTestbed } from "./twilio-harness";

const bed = useTwilioTestbed({ inbound: true });

interface SmsResult {
    delivered: "conversation" | "webhook";
    conversationSid?: string;
    messageSid?: string;
    optOutType?: string;
    reply?: string;
}

const text = async (from: string, to: string, body: string) =>
    (await bed.h.control<SmsResult>("POST", "/__sandbox/sms", { from, to, body })).body;
const inbox = async (phone: string) =>
    (
        await bed.h.control<{ from: string; body: string; conversationSid?: string }[]>(
            "GET",
            `/__sandbox/phones/${phone}`,
        )
    ).body;
const inboundCalls = () => bed.receiver.received.filter((r) => r.url === bed.inboundUrl);

function twiml(body: string): Response {
    return new Response(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${body}</Message></Response>`, {
        headers: { "content-type": "text/xml" },
    });
}

describe("Twilio stand-in: playing a phone with POST /__sandbox/sms", () => {
    const phones = {
        customer: "+13125550160",
        store: "+13125550161",
        customerProxy: "+13125550101",
        storeProxy: "+13125550103",
    };

    it("turns a text on an open binding into a conversation message delivered to the other side", async () => {
        const { conversation, customer } = await conversationWithTwoPhones(bed.h.client, phones);
        await bed.h.client.conversations.v1.conversations(conversation.sid).webhooks.create({
            target: "webhook",
            "configuration.url": `${bed.receiver.url}/sync`,
            "configuration.filters": ["onMessageAdded"],
        });
        const before = inboundCalls().length;

        const result = await text(phones.customer, phones.customerProxy, "Do you have oak in stock?");
        expect(result).toMatchObject({ delivered: "conversation", conversationSid: conversation.sid });
        expect((await inbox(phones.store)).at(-1)).toMatchObject({
            from: phones.storeProxy,
            body: "Do you have oak in stock?",
            conversationSid: conversation.sid,
        });
        expect(await inbox(phones.customer)).toEqual([]);

        const [message] = await bed.h.client.conversations.v1.conversations(conversation.sid).messages.list();
        expect(message).toMatchObject({ author: phones.customer, participantSid: customer.sid });
        const hook = await eventually("onMessageAdded", () =>
            bed.receiver.received.find((r) => r.url.endsWith("/sync")),
        );
        expect(hook.params).toMatchObject({ Source: "SMS", Author: phones.customer, EventType: "onMessageAdded" });
        expect(inboundCalls()).toHaveLength(before);
    });

    it("posts a text no binding claims to the inbound webhook, signed, and texts the TwiML reply back", async () => {
        bed.receiver.respond((req) =>
            req.url === bed.inboundUrl ? twiml("This thread has expired &amp; is closed") : new Response(""),
        );
        const stranger = "+13125550162";
        const result = await text(stranger, "+14155550103", "hello?");
        expect(result).toMatchObject({ delivered: "webhook", reply: "This thread has expired & is closed" });

        const call = inboundCalls().at(-1);
        expect(call?.params).toMatchObject({
            From: stranger,
            To: "+14155550103",
            Body: "hello?",
            AccountSid: account.accountSid,
            MessagingServiceSid: account.messagingServiceSid,
            NumMedia: "0",
            MessageSid: expect.stringMatching(/^SM/),
        });
        expect(call?.params.OptOutType).toBeUndefined();
        expect(
            twilio.validateRequest(
                account.authToken,
                call?.headers["x-twilio-signature"] ?? "",
                bed.inboundUrl,
                call?.params ?? {},
            ),
        ).toBe(true);
        expect(await inbox(stranger)).toEqual([
            expect.objectContaining({ from: "+14155550103", body: "This thread has expired & is closed" }),
        ]);
        const recorded = (await bed.h.deliveries()).filter((r) => r.path === bed.inboundUrl);
        expect(recorded.at(-1)?.body).toMatchObject({ kind: "incoming-message", status: 200 });
        bed.receiver.respond(() => new Response(""));
    });

    it("sends a text to a closed conversation's binding to the inbound webhook", async () => {
        const { conversation } = await conversationWithTwoPhones(bed.h.client, {
            customer: "+13125550163",
            store: "+13125550164",
            customerProxy: "+12125550101",
            storeProxy: "+12125550102",
        });
        await bed.h.client.conversations.v1.conversations(conversation.sid).update({ state: "closed" });
        const result = await text("+13125550163", "+12125550101", "still there?");
        expect(result.delivered).toBe("webhook");
    });

    it("recognises Twilio's keyword lists in any case, and HELP (single-word messages only)", async () => {
        for (const [body, type] of [
            ["UNSUBSCRIBE", "STOP"],
            ["unstop", "START"],
            [" info ", "HELP"],
            ["Quit", "STOP"],
            ["yes", "START"],
        ] as const) {
            const result = await text("+13125550167", "+13125550102", body);
            expect(result.optOutType).toBe(type);
            expect(inboundCalls().at(-1)?.params.OptOutType).toBe(type);
        }
        const plain = await text("+13125550167", "+13125550102", "stop please");
        expect(plain.optOutType).toBeUndefined();
    });

    it("validates the request: pool number as `to`, E.164 numbers, a body", async () => {
        expect(
            (await bed.h.control("POST", "/__sandbox/sms", { from: "+13125550168", to: "+19995550100", body: "x" }))
                .status,
        ).toBe(400);
        expect(
            (await bed.h.control("POST", "/__sandbox/sms", { from: "312", to: "+13125550101", body: "x" })).status,
        ).toBe(400);
        expect(
            (await bed.h.control("POST", "/__sandbox/sms", { from: "+13125550168", to: "+13125550101", body: " " }))
                .status,
        ).toBe(400);
    });
});

describe("TwiML replies", () => {
    it("reads every <Message>, with or without <Body>, decoding entities and CDATA", () => {
        expect(twimlMessages("<Response/>")).toEqual([]);
        expect(twimlMessages("")).toEqual([]);
        expect(
            twimlMessages(
                '<?xml version="1.0"?><Response><Message to="+1">Tom &amp; Jerry &#8217;s</Message>' +
                    "<Message><Body>Line one\nline two</Body></Message><Message><![CDATA[<b>raw</b>]]></Message></Response>",
            ),
        ).toEqual(["Tom & Jerry \u2019s", "Line one\nline two", "<b>raw</b>"]);
        expect(twimlMessages(JSON.stringify("<Response><Message>wrapped</Message></Response>"))).toEqual(["wrapped"]);
    });
});
