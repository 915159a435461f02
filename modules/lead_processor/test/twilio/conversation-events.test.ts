import { describe, expect, it } from "vitest";
import { conversationLeadIds, isOwnMessage } from "../../src/services/twilio-webhooks/conversation-events";
import { FakeTwilio } from "./fake-twilio";

const LEAD_A = "0b8f6f1e-1111-4a2b-8c3d-000000000001";
const LEAD_B = "0b8f6f1e-1111-4a2b-8c3d-000000000002";

describe("the leads a conversation webhook acts on", () => {
    it("are the conversation's LeadIds, once each, valid lead ids only", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: JSON.stringify({ LeadIds: [LEAD_A, "not-a-lead", LEAD_B, LEAD_A] }) });
        expect(await conversationLeadIds(twilio, c.sid)).toEqual([LEAD_A, LEAD_B]);
    });

    it("are none when Twilio no longer has the conversation (reconciliation closes its leads)", async () => {
        expect(await conversationLeadIds(new FakeTwilio(), "CH404")).toEqual([]);
    });

    it("are none for a conversation whose attributes are not ours", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: "not json" });
        expect(await conversationLeadIds(twilio, c.sid)).toEqual([]);
    });
});

describe("a message event about the product's own message", () => {
    const twilio = new FakeTwilio();
    const c = twilio.add({ bindings: [["+13125550111", "+12125550101"]] });
    const ours = JSON.stringify({ SystemMessage: true, Kind: "CustomerGreeting" });

    it("is recognised by the event's message attributes", async () => {
        const event = { ConversationSid: c.sid, Attributes: ours };
        expect(await isOwnMessage(twilio, event)).toBe(true);
        expect(await isOwnMessage(twilio, { ...event, Attributes: "{}" })).toBe(false);
        expect(await isOwnMessage(twilio, { ...event, Attributes: "not json" })).toBe(false);
    });

    it("is recognised by reading the message when the event carries no attributes", async () => {
        const greeting = await twilio.sendMessage(c.sid, { author: "+13125550142", body: "Hi", attributes: ours });
        const text = twilio.text(c.sid, "+13125550111", "Hello");
        expect(await isOwnMessage(twilio, { ConversationSid: c.sid, MessageSid: greeting })).toBe(true);
        expect(await isOwnMessage(twilio, { ConversationSid: c.sid, MessageSid: text.sid })).toBe(false);
        expect(await isOwnMessage(twilio, { ConversationSid: c.sid })).toBe(false);
    });
});
