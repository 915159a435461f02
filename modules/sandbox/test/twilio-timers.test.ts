import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
    account,
    eventually,
    startSandbox,
    type TwilioSandboxHarness,
    twilioError,
    useTwilioTestbed,
} from "./twilio-harness";

// Documentation these tests follow:
// - Twilio Conversation resource (twilio-oai spec/json/twilio_conversations_v1.json, CreateConversation and
//   UpdateConversation): "Timers.Inactive … Minimum value for this timer is 1 minute", "Timers.Closed …
//   Minimum value for this timer is 10 minutes".
// - Twilio error pages 50375 ("TimeToInactive should be greater or equal to 1 minute"), 50376 ("TimeToClosed
//   should be greater or equal to 10 minutes"), 50379 / 50380 (timer not an ISO 8601 duration).
// - fastTimers is not Twilio behaviour: it is the sandbox's labelled test-only acceleration (60× faster).

const bed = useTwilioTestbed();
let fast: TwilioSandboxHarness;
beforeAll(() => {
    fast = startSandbox({ settings: { fastTimers: true } });
});
afterAll(() => fast.stop());

async function stateEvents(conversationSid: string, atLeast: number, timeoutMs = 15_000) {
    return eventually(
        `${atLeast} state events for ${conversationSid}`,
        () => {
            const got = bed.receiver.received.filter((r) => r.params.ConversationSid === conversationSid);
            return got.length >= atLeast
                ? got.map((r) => [r.params.StateFrom, r.params.StateTo, r.params.Reason])
                : undefined;
        },
        timeoutMs,
    );
}

async function conversationWithTimers(sandbox: TwilioSandboxHarness, timers: { inactive?: string; closed?: string }) {
    const conversation = await sandbox.client.conversations.v1.conversations.create({
        ...(timers.inactive ? { "timers.inactive": timers.inactive } : {}),
        ...(timers.closed ? { "timers.closed": timers.closed } : {}),
    });
    await sandbox.client.conversations.v1.conversations(conversation.sid).webhooks.create({
        target: "webhook",
        "configuration.url": `${bed.receiver.url}/close`,
        "configuration.filters": ["onConversationStateUpdated"],
    });
    return conversation;
}

const Timers = z.object({ date_inactive: z.string().optional(), date_closed: z.string().optional() });
const timerDate = (timers: unknown, key: "date_inactive" | "date_closed") =>
    Date.parse(Timers.parse(timers)[key] ?? "");

const basic = `Basic ${btoa(`${account.accountSid}:${account.authToken}`)}`;

describe("Twilio Conversation resource: timer minimums (Timers.Inactive ≥ 1 minute, Timers.Closed ≥ 10 minutes)", () => {
    it("refuses Timers.Inactive below 1 minute with 400 / 50375 on create and update", async () => {
        const create = bed.h.client.conversations.v1.conversations.create({ "timers.inactive": "PT59S" });
        expect(await twilioError(create)).toEqual({
            status: 400,
            code: 50375,
            moreInfo: "https://www.twilio.com/docs/errors/50375",
        });
        const conversation = await bed.h.client.conversations.v1.conversations.create({ "timers.inactive": "PT1M" });
        const update = bed.h.client.conversations.v1
            .conversations(conversation.sid)
            .update({ "timers.inactive": "PT30S" });
        expect((await twilioError(update)).code).toBe(50375);
        const fetched = await bed.h.client.conversations.v1.conversations(conversation.sid).fetch();
        expect(fetched.timers).toMatchObject({ date_inactive: expect.any(String) });
    });

    it("refuses Timers.Closed below 10 minutes with 400 / 50376, in Twilio's error body", async () => {
        const res = await fetch(`${bed.h.base}/conversations/v1/Conversations`, {
            method: "POST",
            headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ FriendlyName: "too short", "Timers.Closed": "PT9M59S" }),
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({
            code: 50376,
            message: expect.stringContaining("Timers.Closed"),
            more_info: "https://www.twilio.com/docs/errors/50376",
            status: 400,
        });
        const listed = await bed.h.client.conversations.v1.conversations.list();
        expect(listed.map((c) => c.friendlyName)).not.toContain("too short");
        const ok = await bed.h.client.conversations.v1.conversations.create({ "timers.closed": "PT10M" });
        expect(ok.timers).toMatchObject({ date_closed: expect.any(String) });
    });

    it("refuses a timer that is not an ISO-8601 duration with 50379 / 50380", async () => {
        const conversations = bed.h.client.conversations.v1.conversations;
        expect((await twilioError(conversations.create({ "timers.inactive": "1 hour" }))).code).toBe(50379);
        expect((await twilioError(conversations.create({ "timers.closed": "7 days" }))).code).toBe(50380);
    });

    it("applies the minimums with fastTimers on too (only elapsing is accelerated)", async () => {
        const create = fast.client.conversations.v1.conversations.create({ "timers.closed": "PT1M" });
        expect(await twilioError(create)).toMatchObject({ status: 400, code: 50376 });
    });

    it("counts a timer at its real length when fastTimers is off (the default)", async () => {
        const before = Date.now();
        const conversation = await bed.h.client.conversations.v1.conversations.create({ "timers.inactive": "PT1M" });
        expect(timerDate(conversation.timers, "date_inactive") - before).toBeGreaterThanOrEqual(59_000);
    });
});

describe("fastTimers (sandbox test-only acceleration: every timer elapses 60× faster)", { timeout: 20_000 }, () => {
    it.concurrent("moves active → inactive (PT1M = 1 s) → closed (PT10M = 10 s), each with Reason TIMER", async () => {
        const conversation = await conversationWithTimers(fast, { inactive: "PT1M", closed: "PT10M" });
        const gap = timerDate(conversation.timers, "date_closed") - timerDate(conversation.timers, "date_inactive");
        expect(gap).toBeGreaterThanOrEqual(8_000);
        expect(gap).toBeLessThanOrEqual(10_000);
        expect(await stateEvents(conversation.sid, 2)).toEqual([
            ["active", "inactive", "TIMER"],
            ["inactive", "closed", "TIMER"],
        ]);
        const fetched = await fast.client.conversations.v1.conversations(conversation.sid).fetch();
        expect(fetched.state).toBe("closed");
        expect(fetched.timers).toEqual({});
    });

    it.concurrent("goes straight to closed when only the closed timer is set", async () => {
        const conversation = await conversationWithTimers(fast, { closed: "PT10M" });
        expect(await stateEvents(conversation.sid, 1)).toEqual([["active", "closed", "TIMER"]]);
    });

    it.concurrent("counts inactivity from the last message, and a message reactivates an inactive conversation", async () => {
        const conversation = await conversationWithTimers(fast, { inactive: "PT1M" });
        const messages = fast.client.conversations.v1.conversations(conversation.sid).messages;
        const dateInactive = async () => {
            const view = await fast.control<{ sid: string; timers: { dateInactive: string } }[]>(
                "GET",
                "/__sandbox/conversations",
            );
            return Date.parse(view.body.find((c) => c.sid === conversation.sid)?.timers.dateInactive ?? "");
        };
        const before = await dateInactive();
        await Bun.sleep(300);
        await messages.create({ author: "Broadlume", body: "still here" });
        expect((await dateInactive()) - before).toBeGreaterThanOrEqual(250);
        expect(await stateEvents(conversation.sid, 1)).toEqual([["active", "inactive", "TIMER"]]);

        // A message that reactivates the conversation changes its state through the REST API: with the default
        // restActionsFireWebhooks (with-header) only a request carrying X-Twilio-Webhook-Enabled: true fires it.
        await messages.create({ author: "Broadlume", body: "wake up", xTwilioWebhookEnabled: "true" });
        expect(await stateEvents(conversation.sid, 2)).toEqual([
            ["active", "inactive", "TIMER"],
            ["inactive", "active", "EVENT"],
        ]);
    });

    it.concurrent("stops its timers when the sandbox closes", async () => {
        const other = startSandbox({ settings: { fastTimers: true } });
        try {
            const conversation = await other.client.conversations.v1.conversations.create({
                "timers.inactive": "PT1M",
            });
            other.sandbox.close();
            await Bun.sleep(1_300);
            const view = await other.control<{ sid: string; state: string }[]>("GET", "/__sandbox/conversations");
            expect(view.body.find((c) => c.sid === conversation.sid)?.state).toBe("active");
        } finally {
            other.stop();
        }
    });
});
