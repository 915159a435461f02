import { describe, expect, it } from "vitest";
import { parseAttributes } from "../../src/clients/twilio/conversation-attributes";
import {
    closeConversation,
    joinConversation,
    leaveConversation,
} from "../../src/integrations/twilio/conversation-membership";
import { FakeTwilio } from "./fake-twilio";

const leadIds = (twilio: FakeTwilio, sid: string) => parseAttributes(twilio.get(sid).attributes).LeadIds;
const attrs = (ids: string[]) => JSON.stringify({ LeadIds: ids, DealerName: "Prairie Floors" });

describe("joining a conversation", () => {
    it("adds the lead once, keeps the other attributes, and writes a JSON string", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: attrs(["a"]) });
        await joinConversation(twilio, c.sid, "b");
        await joinConversation(twilio, c.sid, "b");
        expect(leadIds(twilio, c.sid)).toEqual(["a", "b"]);
        expect(JSON.parse(c.attributes)).toMatchObject({ DealerName: "Prairie Floors" });
        expect(twilio.updates).toHaveLength(1);
        expect(typeof twilio.updates[0]?.attributes).toBe("string");
    });

    it("reactivates an inactive conversation", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ state: "inactive", attributes: attrs(["a"]) });
        const joined = await joinConversation(twilio, c.sid, "a");
        expect(joined?.state).toBe("active");
        expect(twilio.updates).toEqual([{ sid: c.sid, attributes: attrs(["a"]), state: "active" }]);
    });

    it("redoes its write when a concurrent writer's stale write dropped it", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: attrs(["a"]) });
        let raced = false;
        twilio.afterUpdate = (conversation) => {
            if (raced) return;
            raced = true;
            conversation.attributes = attrs(["a", "other"]);
        };
        await joinConversation(twilio, c.sid, "b");
        expect(leadIds(twilio, c.sid)).toEqual(["a", "other", "b"]);
        expect(twilio.updates).toHaveLength(2);
    });

    it("gives up (to be retried) when the attributes never settle", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: attrs(["a"]) });
        twilio.afterUpdate = (conversation) => {
            conversation.attributes = attrs(["a"]);
        };
        await expect(joinConversation(twilio, c.sid, "b")).rejects.toThrow(/kept changing/);
    });
});

describe("leaving a conversation", () => {
    it("keeps a shared conversation open while other leads remain", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: attrs(["a", "b"]) });
        expect(await leaveConversation(twilio, c.sid, "a")).toEqual({ kind: "shared", state: "active", remaining: 1 });
        expect(leadIds(twilio, c.sid)).toEqual(["b"]);
        expect(c.state).toBe("active");
    });

    it("reports the last lead, also when asked again after its removal was written", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add({ attributes: attrs(["a"]) });
        expect(await leaveConversation(twilio, c.sid, "a")).toEqual({ kind: "last", state: "active" });
        expect(await leaveConversation(twilio, c.sid, "a")).toEqual({ kind: "last", state: "active" });
        expect(twilio.updates).toHaveLength(1);
        expect(twilio.updates[0]?.attributes).toBe(JSON.stringify({ LeadIds: [], DealerName: "Prairie Floors" }));
    });

    it("does not touch a closed or vanished conversation", async () => {
        const twilio = new FakeTwilio();
        const closed = twilio.add({ state: "closed", attributes: attrs(["a"]) });
        expect(await leaveConversation(twilio, closed.sid, "a")).toEqual({ kind: "closed" });
        expect(await leaveConversation(twilio, "CH404", "a")).toEqual({ kind: "gone" });
        expect(twilio.updates).toEqual([]);
    });

    it("closes a conversation once", async () => {
        const twilio = new FakeTwilio();
        const c = twilio.add();
        await closeConversation(twilio, c.sid);
        await closeConversation(twilio, c.sid);
        await closeConversation(twilio, "CH404");
        expect(c.state).toBe("closed");
        expect(twilio.updates).toHaveLength(1);
    });
});
