import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { account, conversationWithTwoPhones, eventually, useTwilioTestbed } from "./twilio-harness";

// Twilio "Conversations Webhooks" page: post-event webhooks, their parameters, a 5 s timeout. The REST calls
// below carry X-Twilio-Webhook-Enabled: true (twilio-oai: a header of create/update/delete of messages,
// participants and conversations), so they fire under every restActionsFireWebhooks mode but `never`.
const FIRE = { xTwilioWebhookEnabled: "true" } as const;

const bed = useTwilioTestbed();

const phones = {
    customer: "+13125550190",
    store: "+13125550191",
    customerProxy: "+13125550101",
    storeProxy: "+13125550102",
};

const Recorded = z.looseObject({ status: z.number() });

function receivedAt(path: string) {
    return bed.receiver.received.filter((r) => new URL(r.url).pathname === path);
}

describe("Twilio stand-in: conversation-scoped webhooks", () => {
    it("creates, lists, fetches and deletes webhooks with their configuration", async () => {
        const conversation = await bed.h.client.conversations.v1.conversations.create({});
        const webhooks = bed.h.client.conversations.v1.conversations(conversation.sid).webhooks;
        const created = await webhooks.create({
            target: "webhook",
            "configuration.url": `${bed.receiver.url}/TwilioWebhooks/sync`,
            "configuration.method": "post",
            "configuration.filters": ["onMessageAdded", "onMessageRemoved", "onMessageUpdated"],
        });
        expect(created.sid).toMatch(/^WH/);
        expect(created.configuration).toEqual({
            url: `${bed.receiver.url}/TwilioWebhooks/sync`,
            method: "post",
            filters: ["onMessageAdded", "onMessageRemoved", "onMessageUpdated"],
        });
        const listed = await webhooks.list();
        expect(listed.map((w) => w.sid)).toEqual([created.sid]);
        expect((await webhooks(created.sid).fetch()).target).toBe("webhook");
        await webhooks(created.sid).remove();
        expect(await webhooks.list()).toEqual([]);
    });

    it("posts onMessageAdded, signed over the exact URL, to webhooks whose filters include it", async () => {
        const { conversation, customer } = await conversationWithTwoPhones(bed.h.client, phones);
        const context = bed.h.client.conversations.v1.conversations(conversation.sid);
        const syncUrl = `${bed.receiver.url}/TwilioWebhooks/sync?tenant=local`;
        await context.webhooks.create({
            target: "webhook",
            "configuration.url": syncUrl,
            "configuration.method": "post",
            "configuration.filters": ["onMessageAdded"],
        });
        await context.webhooks.create({
            target: "webhook",
            "configuration.url": `${bed.receiver.url}/TwilioWebhooks/close`,
            "configuration.filters": ["onConversationStateUpdated"],
        });

        const message = await context.messages.create({
            author: phones.customer,
            body: "Is the oak still in stock?",
            attributes: "{}",
            ...FIRE,
        });
        const [call] = await eventually("the sync webhook", () => {
            const calls = receivedAt("/TwilioWebhooks/sync");
            return calls.length ? calls : undefined;
        });
        expect(call?.method).toBe("POST");
        expect(call?.params).toMatchObject({
            EventType: "onMessageAdded",
            ConversationSid: conversation.sid,
            MessageSid: message.sid,
            MessagingServiceSid: account.messagingServiceSid,
            ChatServiceSid: account.chatServiceSid,
            AccountSid: account.accountSid,
            Author: phones.customer,
            Body: "Is the oak still in stock?",
            Index: "0",
            Attributes: "{}",
            Source: "API",
            ParticipantSid: customer.sid,
            RetryCount: "0",
            DateCreated: expect.any(String),
        });
        const signature = call?.headers["x-twilio-signature"] ?? "";
        expect(twilio.validateRequest(account.authToken, signature, syncUrl, call?.params ?? {})).toBe(true);
        expect(twilio.validateRequest("another-token", signature, syncUrl, call?.params ?? {})).toBe(false);
        expect(receivedAt("/TwilioWebhooks/close")).toHaveLength(0);

        const recorded = await bed.h.deliveries();
        expect(recorded.find((r) => r.path === syncUrl)?.body).toMatchObject({
            kind: "conversation-webhook",
            eventType: "onMessageAdded",
            url: syncUrl,
            status: 200,
            ok: true,
        });
    });

    it("posts onConversationStateUpdated with StateFrom, StateTo and Reason (and no Attributes) on an API state change", async () => {
        const conversation = await bed.h.client.conversations.v1.conversations.create({ friendlyName: "state change" });
        const context = bed.h.client.conversations.v1.conversations(conversation.sid);
        const closeUrl = `${bed.receiver.url}/state/${conversation.sid}`;
        await context.webhooks.create({
            target: "webhook",
            "configuration.url": closeUrl,
            "configuration.filters": ["onConversationStateUpdated"],
        });
        await context.update({ state: "inactive", ...FIRE });
        await context.update({ attributes: "{}", ...FIRE });
        await context.update({ state: "closed", ...FIRE });
        const calls = await eventually("two state events", () => {
            const got = receivedAt(`/state/${conversation.sid}`);
            return got.length >= 2 ? got : undefined;
        });
        expect(calls.map((c) => [c.params.StateFrom, c.params.StateTo, c.params.Reason])).toEqual([
            ["active", "inactive", "API"],
            ["inactive", "closed", "API"],
        ]);
        // Twilio's documented payload (Conversations Webhooks page; Event Streams ConversationStateUpdated).
        expect(Object.keys(calls[0]?.params ?? {}).sort()).toEqual([
            "AccountSid",
            "ChatServiceSid",
            "ConversationSid",
            "EventType",
            "MessagingServiceSid",
            "Reason",
            "RetryCount",
            "StateFrom",
            "StateTo",
            "StateUpdated",
        ]);
        expect(calls[0]?.params).toMatchObject({
            EventType: "onConversationStateUpdated",
            ConversationSid: conversation.sid,
        });
        for (const c of calls) {
            expect(
                twilio.validateRequest(account.authToken, c.headers["x-twilio-signature"] ?? "", closeUrl, c.params),
            ).toBe(true);
        }
    });

    it("sends onMessageUpdated and onMessageRemoved, in order", async () => {
        const conversation = await bed.h.client.conversations.v1.conversations.create({});
        const context = bed.h.client.conversations.v1.conversations(conversation.sid);
        await context.webhooks.create({
            target: "webhook",
            "configuration.url": `${bed.receiver.url}/order/${conversation.sid}`,
            "configuration.filters": ["onMessageAdded", "onMessageUpdated", "onMessageRemoved"],
        });
        const message = await context.messages.create({ author: "Broadlume", body: "first", ...FIRE });
        await context.messages(message.sid).update({ body: "edited", ...FIRE });
        await context.messages(message.sid).remove(FIRE);
        const calls = await eventually("three message events", () => {
            const got = receivedAt(`/order/${conversation.sid}`);
            return got.length >= 3 ? got : undefined;
        });
        expect(calls.map((c) => [c.params.EventType, c.params.Body])).toEqual([
            ["onMessageAdded", "first"],
            ["onMessageUpdated", "edited"],
            ["onMessageRemoved", "edited"],
        ]);
    });

    it("retries a failed delivery with backoff and records every attempt (webhookRetries: 2)", async () => {
        await bed.h.configure({ webhookRetries: 2 });
        const conversation = await bed.h.client.conversations.v1.conversations.create({});
        const context = bed.h.client.conversations.v1.conversations(conversation.sid);
        const path = `/flaky/${conversation.sid}`;
        let failures = 2;
        bed.receiver.respond((req) => {
            if (new URL(req.url).pathname === path && failures > 0) {
                failures -= 1;
                return new Response("busy", { status: 503 });
            }
            return new Response("", { status: 200 });
        });
        await context.webhooks.create({
            target: "webhook",
            "configuration.url": `${bed.receiver.url}${path}`,
            "configuration.filters": ["onMessageAdded"],
        });
        await context.messages.create({ author: "Broadlume", body: "retry me", ...FIRE });
        const calls = await eventually("three attempts", () => {
            const got = receivedAt(path);
            return got.length >= 3 ? got : undefined;
        });
        expect(calls.map((c) => c.params.RetryCount)).toEqual(["0", "1", "2"]);
        const tokens = new Set(calls.map((c) => c.headers["i-twilio-idempotency-token"]));
        expect(tokens.size).toBe(1);
        const recorded = (await bed.h.deliveries()).filter((r) => r.path === `${bed.receiver.url}${path}`);
        expect(recorded.map((r) => Recorded.parse(r.body).status)).toEqual([503, 503, 200]);
        bed.receiver.respond(() => new Response("", { status: 200 }));
        await bed.h.configure({ webhookRetries: 0 });
    });

    it("delivers with GET, parameters in the signed URL, when the webhook says so", async () => {
        const conversation = await bed.h.client.conversations.v1.conversations.create({});
        const context = bed.h.client.conversations.v1.conversations(conversation.sid);
        await context.webhooks.create({
            target: "webhook",
            "configuration.url": `${bed.receiver.url}/get-hook`,
            "configuration.method": "get",
            "configuration.filters": ["onMessageAdded"],
        });
        await context.messages.create({ author: "Broadlume", body: "by GET", ...FIRE });
        const [call] = await eventually("the GET webhook", () => {
            const got = receivedAt("/get-hook");
            return got.length ? got : undefined;
        });
        expect(call?.method).toBe("GET");
        expect(call?.params.Body).toBe("by GET");
        expect(
            twilio.validateRequest(account.authToken, call?.headers["x-twilio-signature"] ?? "", call?.url ?? "", {}),
        ).toBe(true);
    });
});
