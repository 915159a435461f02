import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { RestActionsFireWebhooks } from "../src/settings/settings";
import { conversationWithTwoPhones, eventually, startSandbox, useTwilioTestbed } from "./twilio-harness";

const bed = useTwilioTestbed();
afterEach(async () => {
    bed.receiver.respond(() => new Response("", { status: 200 }));
    await bed.h.control("DELETE", "/__sandbox/settings");
    await bed.h.control("DELETE", "/__sandbox/faults");
});

const Delivery = z.looseObject({
    kind: z.string(),
    eventType: z.string().optional(),
    status: z.number(),
    ok: z.boolean(),
    attempt: z.number(),
    dropped: z.boolean().optional(),
    error: z.string().optional(),
});

const receivedAt = (path: string) => bed.receiver.received.filter((r) => new URL(r.url).pathname === path);

async function deliveriesTo(path: string) {
    return (await bed.h.deliveries())
        .filter((r) => new URL(r.path).pathname === path)
        .map((r) => Delivery.parse(r.body));
}

const ALL_EVENTS = [
    "onMessageAdded",
    "onMessageUpdated",
    "onMessageRemoved",
    "onParticipantAdded",
    "onParticipantRemoved",
    "onConversationStateUpdated",
];

let nextPhone = 10;
/** A conversation with two phones and a webhook at `/<tag>/<sid>` for every message, participant and state event. */
async function watchedConversation(tag: string) {
    nextPhone += 2;
    const { conversation } = await conversationWithTwoPhones(bed.h.client, {
        customer: `+1312555${String(1000 + nextPhone)}`,
        store: `+1312555${String(1001 + nextPhone)}`,
        customerProxy: "+13125550101",
        storeProxy: "+13125550102",
    });
    const path = `/${tag}/${conversation.sid}`;
    const context = bed.h.client.conversations.v1.conversations(conversation.sid);
    await context.webhooks.create({
        target: "webhook",
        "configuration.url": `${bed.receiver.url}${path}`,
        "configuration.filters": ALL_EVENTS,
    });
    return { conversation, context, path };
}

/** Every kind of REST action on a conversation, each with the given X-Twilio-Webhook-Enabled header (if any). */
async function restActions(tag: string, header: "true" | "false" | undefined) {
    const { context, path } = await watchedConversation(tag);
    const options = header ? { xTwilioWebhookEnabled: header } : {};
    const message = await context.messages.create({ author: "Broadlume", body: "hello", ...options });
    await context.messages(message.sid).update({ body: "hello (edited)", ...options });
    await context.messages(message.sid).remove(options);
    const chat = await context.participants.create({ identity: "Broadlume", ...options });
    await context.participants(chat.sid).remove(options);
    await context.update({ state: "inactive", ...options });
    return path;
}

/** The event types that reached `path`: once `expected` arrived, or (expecting none) after a short settle. */
async function eventsAt(path: string, expected: number) {
    if (expected === 0) {
        // Let any (wrongly) queued delivery land before checking that none did.
        await Bun.sleep(300);
        return receivedAt(path).map((r) => r.params.EventType);
    }
    const got = await eventually(`${expected} events at ${path}`, () => {
        const calls = receivedAt(path);
        return calls.length >= expected ? calls : undefined;
    });
    return got.map((r) => r.params.EventType);
}

describe("restActionsFireWebhooks (twilio-oai X-Twilio-Webhook-Enabled on Conversations REST create/update/delete)", () => {
    const cases: [RestActionsFireWebhooks, "true" | "false" | undefined, boolean][] = [
        ["with-header", undefined, false],
        ["with-header", "true", true],
        ["with-header", "false", false],
        ["never", "true", false],
        ["never", undefined, false],
        ["always", undefined, true],
        ["always", "false", false],
    ];
    it.each(cases)(
        "%s with header %s: REST messages, participants and state changes fire = %s",
        async (mode, header, fires) => {
            await bed.h.configure({ restActionsFireWebhooks: mode });
            const path = await restActions(`rest-${mode}-${header}`, header);
            expect(await eventsAt(path, fires ? ALL_EVENTS.length : 0)).toEqual(fires ? ALL_EVENTS : []);
        },
    );

    it("defaults to with-header", async () => {
        expect(
            (await bed.h.control<{ restActionsFireWebhooks: string }>("GET", "/__sandbox/settings")).body,
        ).toMatchObject({ restActionsFireWebhooks: "with-header" });
    });

    it("always fires for a phone's text, even with never (Inbound Message Handling: the conversation's webhooks fire)", async () => {
        await bed.h.configure({ restActionsFireWebhooks: "never" });
        const { conversation, context, path } = await watchedConversation("phone");
        const [customer] = (await context.participants.list()).map((p) => p.messagingBinding);
        const { address, proxy_address } = z.object({ address: z.string(), proxy_address: z.string() }).parse(customer);
        await bed.h.control("POST", "/__sandbox/sms", { from: address, to: proxy_address, body: "hi from the phone" });
        const [event] = await eventually("the phone's onMessageAdded", () => {
            const calls = receivedAt(path);
            return calls.length ? calls : undefined;
        });
        expect(event?.params).toMatchObject({
            EventType: "onMessageAdded",
            Source: "SMS",
            ConversationSid: conversation.sid,
        });
    });
});

describe("webhook delivery (Conversations Webhooks page: 5 s timeout, RetryCount; retries undocumented)", () => {
    it("does not retry by default (webhookRetries 0): one attempt, RetryCount 0, recorded as failed", async () => {
        const { context, path } = await watchedConversation("no-retry");
        bed.receiver.respond((req) =>
            new URL(req.url).pathname === path ? new Response("down", { status: 503 }) : new Response(""),
        );
        await context.messages.create({ author: "Broadlume", body: "lost?", xTwilioWebhookEnabled: "true" });
        const [first] = await eventually("the failed attempt", async () => {
            const got = await deliveriesTo(path);
            return got.length ? got : undefined;
        });
        expect(first).toMatchObject({ eventType: "onMessageAdded", status: 503, ok: false, attempt: 0 });
        await Bun.sleep(600);
        expect(receivedAt(path).map((r) => r.params.RetryCount)).toEqual(["0"]);
    });

    it("cuts a delivery off after 5 seconds: an answer after 4 s counts, one after 6.5 s fails", {
        timeout: 15_000,
    }, async () => {
        const patient = await watchedConversation("answers-in-4s");
        const late = await watchedConversation("answers-in-6.5s");
        bed.receiver.respond(async (req) => {
            const path = new URL(req.url).pathname;
            if (path === patient.path) await Bun.sleep(4_000);
            if (path === late.path) await Bun.sleep(6_500);
            return new Response("");
        });
        const fire = { author: "Broadlume", body: "slow", xTwilioWebhookEnabled: "true" } as const;
        await Promise.all([patient.context.messages.create(fire), late.context.messages.create(fire)]);
        const attempts = await eventually(
            "both attempts",
            async () => {
                const both = [...(await deliveriesTo(patient.path)), ...(await deliveriesTo(late.path))];
                return both.length === 2 ? both : undefined;
            },
            10_000,
        );
        expect(attempts).toEqual([
            expect.objectContaining({ status: 200, ok: true }),
            expect.objectContaining({ status: 0, ok: false, error: expect.stringMatching(/timed out|timeout/i) }),
        ]);
    });
});

describe('webhook drop fault: POST /__sandbox/faults {"service":"webhooks","count":N}', () => {
    it("drops the next N conversation webhook deliveries unseen, records them as dropped, then delivers again", async () => {
        const { context, path } = await watchedConversation("drop");
        expect((await bed.h.control("POST", "/__sandbox/faults", { service: "webhooks", count: 2 })).status).toBe(201);
        for (const body of ["one", "two", "three"]) {
            await context.messages.create({ author: "Broadlume", body, xTwilioWebhookEnabled: "true" });
        }
        const recorded = await eventually("three recorded deliveries", async () => {
            const got = await deliveriesTo(path);
            return got.length === 3 ? got : undefined;
        });
        expect(receivedAt(path).map((r) => r.params.Body)).toEqual(["three"]);
        expect(recorded.map((r) => [r.dropped ?? false, r.ok])).toEqual([
            [true, false],
            [true, false],
            [false, true],
        ]);
    });

    it("drops the Messaging Service inbound webhook too", async () => {
        const other = startSandbox({ inboundWebhookUrl: `${bed.receiver.url}/inbound` });
        try {
            await other.control("POST", "/__sandbox/faults", { service: "webhooks", count: 1 });
            const dropped = await other.control<{ webhook: unknown }>("POST", "/__sandbox/sms", {
                from: "+13125550901",
                to: "+13125550101",
                body: "anyone there?",
            });
            expect(dropped.body.webhook).toMatchObject({ status: 0, dropped: true });
            expect(receivedAt("/inbound")).toHaveLength(0);
            await other.control("POST", "/__sandbox/sms", { from: "+13125550901", to: "+13125550101", body: "again" });
            expect(receivedAt("/inbound").map((r) => r.params.Body)).toEqual(["again"]);
            const [first] = (await other.deliveries()).map((r) => Delivery.parse(r.body));
            expect(first).toMatchObject({ kind: "incoming-message", dropped: true });
        } finally {
            other.stop();
        }
    });

    it("refuses HTTP fields on the webhooks fault, naming them", async () => {
        const bad = await bed.h.control<{ message: string }>("POST", "/__sandbox/faults", {
            service: "webhooks",
            count: 1,
            status: 500,
        });
        expect(bad.status).toBe(400);
        expect(bad.body.message).toContain("status");
        expect((await bed.h.control("GET", "/__sandbox/faults")).body).toEqual([]);
    });
});
