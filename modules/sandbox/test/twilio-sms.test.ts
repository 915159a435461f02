import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { twimlMessages } from "../src/vendors/twilio/inbound";
import {
    account,
    conversationWithTwoPhones,
    eventually,
    type Receiver,
    startReceiver,
    startSandbox,
    type TwilioSandboxHarness,
} from "./twilio-harness";

let h: TwilioSandboxHarness;
let receiver: Receiver;
let inboundUrl: string;

beforeAll(() => {
    receiver = startReceiver();
    inboundUrl = `${receiver.url}/TwilioWebhooks/onIncomingMessage`;
    h = startSandbox({ inboundWebhookUrl: inboundUrl });
});
afterAll(() => {
    h.stop();
    receiver.stop();
});

interface SmsResult {
    delivered: "conversation" | "webhook";
    conversationSid?: string;
    messageSid?: string;
    optOutType?: string;
    reply?: string;
}

const text = async (from: string, to: string, body: string) =>
    (await h.control<SmsResult>("POST", "/__sandbox/sms", { from, to, body })).body;
const inbox = async (phone: string) =>
    (await h.control<{ from: string; body: string; conversationSid?: string }[]>("GET", `/__sandbox/phones/${phone}`))
        .body;
const inboundCalls = () => receiver.received.filter((r) => r.url === inboundUrl);

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
        const { conversation, customer } = await conversationWithTwoPhones(h.client, phones);
        await h.client.conversations.v1.conversations(conversation.sid).webhooks.create({
            target: "webhook",
            "configuration.url": `${receiver.url}/sync`,
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

        const [message] = await h.client.conversations.v1.conversations(conversation.sid).messages.list();
        expect(message).toMatchObject({ author: phones.customer, participantSid: customer.sid });
        const hook = await eventually("onMessageAdded", () => receiver.received.find((r) => r.url.endsWith("/sync")));
        expect(hook.params).toMatchObject({ Source: "SMS", Author: phones.customer, EventType: "onMessageAdded" });
        expect(inboundCalls()).toHaveLength(before);
    });

    it("posts a text no binding claims to the inbound webhook, signed, and texts the TwiML reply back", async () => {
        receiver.respond((req) =>
            req.url === inboundUrl ? twiml("This thread has expired &amp; is closed") : new Response(""),
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
                inboundUrl,
                call?.params ?? {},
            ),
        ).toBe(true);
        expect(await inbox(stranger)).toEqual([
            expect.objectContaining({ from: "+14155550103", body: "This thread has expired & is closed" }),
        ]);
        const recorded = (await h.deliveries()).filter((r) => r.path === inboundUrl);
        expect(recorded.at(-1)?.body).toMatchObject({ kind: "incoming-message", status: 200 });
        receiver.respond(() => new Response(""));
    });

    it("sends a text to a closed conversation's binding to the inbound webhook", async () => {
        const { conversation } = await conversationWithTwoPhones(h.client, {
            customer: "+13125550163",
            store: "+13125550164",
            customerProxy: "+12125550101",
            storeProxy: "+12125550102",
        });
        await h.client.conversations.v1.conversations(conversation.sid).update({ state: "closed" });
        const result = await text("+13125550163", "+12125550101", "still there?");
        expect(result.delivered).toBe("webhook");
    });

    it("handles STOP like Twilio: opt-out per pool number, OptOutType to the webhook, 21610 receipts, START re-enables", async () => {
        const customer = "+13125550165";
        const store = "+13125550166";
        const { conversation } = await conversationWithTwoPhones(h.client, {
            customer,
            store,
            customerProxy: "+14165550101",
            storeProxy: "+14165550102",
        });
        const messages = h.client.conversations.v1.conversations(conversation.sid).messages;
        receiver.respond((req) =>
            req.url === inboundUrl && req.params.OptOutType === "STOP"
                ? twiml("You are unsubscribed")
                : new Response(""),
        );

        const stop = await text(customer, "+14165550101", "stop");
        expect(stop).toMatchObject({
            delivered: "conversation",
            conversationSid: conversation.sid,
            optOutType: "STOP",
            reply: "You are unsubscribed",
        });
        expect(inboundCalls().at(-1)?.params).toMatchObject({ From: customer, To: "+14165550101", OptOutType: "STOP" });
        expect((await h.control("GET", "/__sandbox/opt-outs")).body).toEqual([
            { phone: customer, poolNumber: "+14165550101", at: expect.any(String) },
        ]);

        const received = (await inbox(customer)).length;
        const blocked = await messages.create({ author: store, body: "Are you still interested?" });
        expect(await inbox(customer)).toHaveLength(received);
        const [receipt] = await messages(blocked.sid).deliveryReceipts.list();
        expect(receipt).toMatchObject({ status: "undelivered", errorCode: 21610 });
        expect((await messages(blocked.sid).fetch()).delivery).toMatchObject({ undelivered: "all" });

        const start = await text(customer, "+14165550101", "Start");
        expect(start.optOutType).toBe("START");
        expect(inboundCalls().at(-1)?.params.OptOutType).toBe("START");
        await messages.create({ author: store, body: "Welcome back" });
        expect((await inbox(customer)).at(-1)?.body).toBe("Welcome back");
        receiver.respond(() => new Response(""));
    });

    it("recognises Twilio's keyword lists in any case, and HELP", async () => {
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
            (await h.control("POST", "/__sandbox/sms", { from: "+13125550168", to: "+19995550100", body: "x" })).status,
        ).toBe(400);
        expect((await h.control("POST", "/__sandbox/sms", { from: "312", to: "+13125550101", body: "x" })).status).toBe(
            400,
        );
        expect(
            (await h.control("POST", "/__sandbox/sms", { from: "+13125550168", to: "+13125550101", body: " " })).status,
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
