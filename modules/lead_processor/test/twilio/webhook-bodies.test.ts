import { describe, expect, it } from "vitest";
import {
    ConversationEvent,
    IncomingMessage,
    StateUpdatedEvent,
} from "../../src/services/twilio-webhooks/webhook-bodies";

const CH = "CH0123456789abcdef0123456789abcdef";

describe("Twilio webhook bodies", () => {
    it("read a message event, keeping fields they do not name", () => {
        const parsed = ConversationEvent.parse({ ConversationSid: CH, EventType: "onMessageAdded", RetryCount: "0" });
        expect(parsed).toEqual({ ConversationSid: CH, EventType: "onMessageAdded", RetryCount: "0" });
    });

    it("read a message event's message SID and the message's attributes", () => {
        const attributes = JSON.stringify({ SystemMessage: true });
        const MESSAGE = "IM0123456789abcdef0123456789abcdef";
        const parsed = ConversationEvent.parse({ ConversationSid: CH, MessageSid: MESSAGE, Attributes: attributes });
        expect(parsed).toMatchObject({ MessageSid: MESSAGE, Attributes: attributes });
        expect(ConversationEvent.safeParse({ ConversationSid: CH, MessageSid: "IM1" }).success).toBe(false);
    });

    it("refuse an event without a conversation SID or with a malformed one", () => {
        expect(ConversationEvent.safeParse({ EventType: "onMessageAdded" }).success).toBe(false);
        expect(ConversationEvent.safeParse({ ConversationSid: "CH123" }).success).toBe(false);
        expect(ConversationEvent.safeParse({ ConversationSid: `XX${CH.slice(2)}` }).success).toBe(false);
    });

    it("read the state a conversation moved to", () => {
        const event = StateUpdatedEvent.parse({ ConversationSid: CH, StateFrom: "active", StateTo: "inactive" });
        expect(event.StateTo).toBe("inactive");
        expect(StateUpdatedEvent.safeParse({ ConversationSid: CH, StateTo: "gone" }).success).toBe(false);
        expect(StateUpdatedEvent.safeParse({ ConversationSid: CH }).success).toBe(false);
    });

    it("read an incoming text: E.164 numbers, an empty body allowed, unknown opt-out types ignored", () => {
        const stop = IncomingMessage.parse({
            From: "+13125550100",
            To: "+12125550101",
            Body: "STOP",
            OptOutType: "STOP",
        });
        expect(stop.OptOutType).toBe("STOP");
        const media = IncomingMessage.parse({ From: "+13125550100", To: "+12125550101" });
        expect(media.Body).toBe("");
        expect(IncomingMessage.parse({ From: "+13125550100", To: "+12125550101", OptOutType: "X" }).OptOutType).toBe(
            undefined,
        );
        expect(IncomingMessage.safeParse({ From: "whatsapp:+13125550100", To: "+12125550101" }).success).toBe(false);
        expect(IncomingMessage.safeParse({ From: "+13125550100" }).success).toBe(false);
    });
});
