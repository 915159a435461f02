import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { durationMs } from "../src/vendors/twilio/durations";
import { eventually, type Receiver, startReceiver, startSandbox, type TwilioSandboxHarness } from "./twilio-harness";

let h: TwilioSandboxHarness;
let receiver: Receiver;
beforeAll(() => {
    receiver = startReceiver();
    h = startSandbox();
});
afterAll(() => {
    h.stop();
    receiver.stop();
});

async function stateEvents(conversationSid: string, atLeast: number, timeoutMs = 6_000) {
    return eventually(
        `${atLeast} state events for ${conversationSid}`,
        () => {
            const got = receiver.received.filter((r) => r.params.ConversationSid === conversationSid);
            return got.length >= atLeast
                ? got.map((r) => [r.params.StateFrom, r.params.StateTo, r.params.Reason])
                : undefined;
        },
        timeoutMs,
    );
}

async function conversationWithTimers(timers: { inactive?: string; closed?: string }) {
    const conversation = await h.client.conversations.v1.conversations.create({
        ...(timers.inactive ? { "timers.inactive": timers.inactive } : {}),
        ...(timers.closed ? { "timers.closed": timers.closed } : {}),
    });
    await h.client.conversations.v1.conversations(conversation.sid).webhooks.create({
        target: "webhook",
        "configuration.url": `${receiver.url}/close`,
        "configuration.filters": ["onConversationStateUpdated"],
    });
    return conversation;
}

describe("ISO-8601 durations", () => {
    it("reads the forms conversation timers use", () => {
        expect(durationMs("PT1S")).toBe(1_000);
        expect(durationMs("PT0.5S")).toBe(500);
        expect(durationMs("PT5M")).toBe(300_000);
        expect(durationMs("P7D")).toBe(7 * 86_400_000);
        expect(durationMs("P1DT2H")).toBe(26 * 3_600_000);
        expect(durationMs("P1W")).toBe(7 * 86_400_000);
        for (const bad of ["", "P", "PT", "7D", "P1.5D", "PT1H2"]) expect(durationMs(bad)).toBeUndefined();
    });
});

describe("Twilio stand-in: conversation timers", { timeout: 15_000 }, () => {
    it("moves active → inactive → closed on the timers, each with Reason TIMER", async () => {
        const conversation = await conversationWithTimers({ inactive: "PT1S", closed: "PT2S" });
        expect(conversation.timers).toMatchObject({
            date_inactive: expect.any(String),
            date_closed: expect.any(String),
        });
        expect(await stateEvents(conversation.sid, 2)).toEqual([
            ["active", "inactive", "TIMER"],
            ["inactive", "closed", "TIMER"],
        ]);
        const fetched = await h.client.conversations.v1.conversations(conversation.sid).fetch();
        expect(fetched.state).toBe("closed");
        expect(fetched.timers).toEqual({});
    });

    it("goes straight to closed when only the closed timer is set", async () => {
        const conversation = await conversationWithTimers({ closed: "PT1S" });
        expect(await stateEvents(conversation.sid, 1)).toEqual([["active", "closed", "TIMER"]]);
    });

    it("counts inactivity from the last message, and a message reactivates an inactive conversation", async () => {
        const conversation = await conversationWithTimers({ inactive: "PT1S" });
        const messages = h.client.conversations.v1.conversations(conversation.sid).messages;
        const dateInactive = async () => {
            const view = await h.control<{ sid: string; timers: { dateInactive: string } }[]>(
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

        await messages.create({ author: "Broadlume", body: "wake up" });
        expect(await stateEvents(conversation.sid, 2)).toEqual([
            ["active", "inactive", "TIMER"],
            ["inactive", "active", "EVENT"],
        ]);
    });

    it("stops its timers when the sandbox closes", async () => {
        const other = startSandbox();
        try {
            const conversation = await other.client.conversations.v1.conversations.create({ "timers.closed": "PT1S" });
            other.sandbox.close();
            await Bun.sleep(1_300);
            const view = await other.control<{ sid: string; state: string }[]>("GET", "/__sandbox/conversations");
            expect(view.body.find((c) => c.sid === conversation.sid)?.state).toBe("active");
        } finally {
            other.stop();
        }
    });
});
