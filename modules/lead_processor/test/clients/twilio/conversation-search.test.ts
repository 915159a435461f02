import { describe, expect, it } from "vitest";
import { ALL_STATES, findConversations, OPEN_STATES } from "../../../src/clients/twilio/conversation-search";
import { FakeTwilio, SERVICE_SID } from "../../twilio/fake-twilio";

const CUSTOMER = "+13125550100";
const STORE = "+13125550142";
const OTHER_STORE = "+18475550152";

describe("conversation search", () => {
    it("keeps only conversations holding every address, in the wanted states, newest update first", () => {
        const twilio = new FakeTwilio();
        const older = twilio.add({
            bindings: [
                [CUSTOMER, "+12125550101"],
                [STORE, "+12125550102"],
            ],
        });
        const otherStore = twilio.add({
            bindings: [
                [CUSTOMER, "+12125550102"],
                [OTHER_STORE, "+12125550101"],
            ],
        });
        const closed = twilio.add({
            state: "closed",
            bindings: [
                [CUSTOMER, "+12125550103"],
                [STORE, "+12125550103"],
            ],
        });
        const newer = twilio.add({
            state: "inactive",
            bindings: [
                [CUSTOMER, "+12125550104"],
                [STORE, "+12125550104"],
            ],
        });
        return findConversations(twilio, [CUSTOMER, STORE], {
            states: OPEN_STATES,
            messagingServiceSid: SERVICE_SID,
        }).then((found) => {
            expect(found.map((c) => c.sid)).toEqual([newer.sid, older.sid]);
            expect(found.map((c) => c.sid)).not.toContain(otherStore.sid);
            expect(found.map((c) => c.sid)).not.toContain(closed.sid);
            expect(found[0]?.proxyAddress).toBe("+12125550104");
        });
    });

    it("ignores conversations of another Messaging Service and ones Twilio no longer has", async () => {
        const twilio = new FakeTwilio();
        twilio.add({
            messagingServiceSid: "MG99999999999999999999999999999999",
            bindings: [
                [CUSTOMER, "+12125550101"],
                [STORE, "+12125550102"],
            ],
        });
        const gone = twilio.add({
            bindings: [
                [CUSTOMER, "+12125550103"],
                [STORE, "+12125550103"],
            ],
        });
        const rows = await twilio.conversationsOf(CUSTOMER);
        twilio.conversations.delete(gone.sid);
        twilio.conversationsOf = async () => rows;
        const found = await findConversations(twilio, [CUSTOMER, STORE], {
            states: OPEN_STATES,
            messagingServiceSid: SERVICE_SID,
        });
        expect(found).toEqual([]);
    });

    it("lists only the first number's conversations (a store's history is long) and checks the others' presence", async () => {
        const twilio = new FakeTwilio();
        const both = twilio.add({
            bindings: [
                [CUSTOMER, "+12125550101"],
                [STORE, "+12125550102"],
            ],
        });
        const listed: string[] = [];
        const list = twilio.conversationsOf.bind(twilio);
        twilio.conversationsOf = (address) => {
            listed.push(address);
            return list(address);
        };
        const found = await findConversations(twilio, [CUSTOMER, STORE], {
            states: OPEN_STATES,
            messagingServiceSid: SERVICE_SID,
        });
        expect(found.map((c) => c.sid)).toEqual([both.sid]);
        expect(listed).toEqual([CUSTOMER]);
    });

    it("finds a single number's conversations in every state", async () => {
        const twilio = new FakeTwilio();
        const a = twilio.add({
            state: "closed",
            bindings: [
                [CUSTOMER, "+12125550101"],
                [STORE, "+12125550102"],
            ],
        });
        const b = twilio.add({
            bindings: [
                [CUSTOMER, "+12125550102"],
                [OTHER_STORE, "+12125550101"],
            ],
        });
        const found = await findConversations(twilio, [CUSTOMER], {
            states: ALL_STATES,
            messagingServiceSid: SERVICE_SID,
        });
        expect(found.map((c) => c.sid)).toEqual([b.sid, a.sid]);
        expect(await findConversations(twilio, [], { states: ALL_STATES, messagingServiceSid: SERVICE_SID })).toEqual(
            [],
        );
    });
});
