import { describe, expect, it } from "vitest";
import { conversationLeadIds } from "../../src/services/twilio-webhooks/conversation-events";
import { FakeTwilio } from "./fake-twilio";

const LEAD_A = "0b8f6f1e-1111-4a2b-8c3d-000000000001";
const LEAD_B = "0b8f6f1e-1111-4a2b-8c3d-000000000002";

describe("the leads a conversation webhook acts on", () => {
    it("are the conversation's LeadIds, once each, valid lead ids only", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: JSON.stringify({ LeadIds: [LEAD_A, "not-a-lead", LEAD_B, LEAD_A] }) });
        expect(await conversationLeadIds(twilio, c.sid, undefined)).toEqual([LEAD_A, LEAD_B]);
    });

    it("come from the event's attributes when Twilio no longer has the conversation", async () => {
        const twilio = new FakeTwilio();
        const attributes = JSON.stringify({ LeadIds: [LEAD_B] });
        expect(await conversationLeadIds(twilio, "CH404", attributes)).toEqual([LEAD_B]);
        expect(await conversationLeadIds(twilio, "CH404", undefined)).toEqual([]);
    });

    it("are none for a conversation whose attributes are not ours", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: "not json" });
        expect(await conversationLeadIds(twilio, c.sid, undefined)).toEqual([]);
    });
});
