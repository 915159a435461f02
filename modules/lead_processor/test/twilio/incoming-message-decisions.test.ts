import { describe, expect, it } from "vitest";
import { optInStatus, withOptOut, withoutOptOut } from "../../src/db/opt-out-records";
import {
    customerThreadExpired,
    dealerOptOutWarning,
    dealerThreadExpired,
} from "../../src/integrations/twilio/messages";
import { expiredThreadReply, type SenderThread, stopPlan } from "../../src/services/twilio-webhooks/sender-threads";
import { twimlReply } from "../../src/services/twilio-webhooks/twiml";

const CUSTOMER = "+13125550100";
const STORE = "+13125550142";
const POOL_A = "+12125550101";
const POOL_B = "+12125550102";

function thread(over: Partial<SenderThread> = {}): SenderThread {
    return {
        sid: "CH1",
        state: "active",
        proxyAddress: POOL_A,
        leadIds: ["lead-1"],
        storePhone: STORE,
        customerName: "Dana",
        dealerName: "Prairie Floors",
        dealerUrl: "https://prairie-floors.example",
        ...over,
    };
}

describe("STOP", () => {
    it("closes the leads of every open thread of a customer, not of closed ones", () => {
        const plan = stopPlan(CUSTOMER, [
            thread({ sid: "CH1", leadIds: ["a", "b"] }),
            thread({ sid: "CH2", state: "inactive", proxyAddress: POOL_B, leadIds: ["c", "a"] }),
            thread({ sid: "CH3", state: "closed", leadIds: ["d"] }),
        ]);
        expect(plan).toEqual({ leadIds: ["a", "b", "c"], senderIsStore: false });
    });

    it("keeps a dealer's leads open and marks it as a store", () => {
        expect(stopPlan(STORE, [thread({ leadIds: ["a"] })])).toEqual({ leadIds: [], senderIsStore: true });
        expect(stopPlan(STORE, [thread({ state: "closed" })]).senderIsStore).toBe(true);
        expect(stopPlan(CUSTOMER, [])).toEqual({ leadIds: [], senderIsStore: false });
    });

    it("records the (sender, pool number) pair once, keeping other pairs and the first date", () => {
        const first = withOptOut(undefined, CUSTOMER, POOL_A, { DateOptedOut: "d1", OptOutRequest: { Body: "STOP" } });
        expect(first).toEqual({
            PhoneNumber: CUSTOMER,
            OptedOutNumbers: { [POOL_A]: { DateOptedOut: "d1", OptOutRequest: { Body: "STOP" } } },
        });
        const again = withOptOut(first, CUSTOMER, POOL_A, { DateOptedOut: "d2", OptOutRequest: {} });
        expect(again).toBe(first);
        const second = withOptOut(first, CUSTOMER, POOL_B, { DateOptedOut: "d3", OptOutRequest: {} });
        expect(Object.keys(second.OptedOutNumbers)).toEqual([POOL_A, POOL_B]);
    });
});

describe("START", () => {
    const record = withOptOut(
        withOptOut(undefined, CUSTOMER, POOL_A, { DateOptedOut: "d1", OptOutRequest: {} }),
        CUSTOMER,
        POOL_B,
        { DateOptedOut: "d2", OptOutRequest: {} },
    );

    it("removes only that pair, and the item when none is left", () => {
        const change = withoutOptOut(record, POOL_A);
        expect(change.kind).toBe("put");
        if (change.kind !== "put") return;
        expect(Object.keys(change.record.OptedOutNumbers)).toEqual([POOL_B]);
        expect(withoutOptOut(change.record, POOL_B)).toEqual({ kind: "delete" });
    });

    it("does nothing for a pair that is not recorded", () => {
        expect(withoutOptOut(undefined, POOL_A)).toEqual({ kind: "none" });
        expect(withoutOptOut(record, "+12125550199")).toEqual({ kind: "none" });
    });

    it("answers checkOptInStatus from the record", () => {
        expect(optInStatus(undefined)).toEqual({ Status: "OPTED-IN" });
        expect(optInStatus(record)).toEqual({ Status: "OPTED-OUT", OptInNumbers: [POOL_A, POOL_B] });
    });
});

describe("texts that reach the Messaging Service webhook", () => {
    it("get the customer's expired-thread reply when their thread through that number has closed", () => {
        const reply = expiredThreadReply(CUSTOMER, POOL_A, [thread({ state: "closed" })]);
        expect(reply).toBe(
            customerThreadExpired({
                dealerName: "Prairie Floors",
                dealerUrl: "https://prairie-floors.example",
                storePhone: STORE,
            }),
        );
    });

    it("get the dealer's reply when the sender is the closed thread's store", () => {
        expect(expiredThreadReply(STORE, POOL_A, [thread({ state: "closed" })])).toBe(
            dealerThreadExpired({ customerName: "Dana" }),
        );
    });

    it("answer the most recent closed thread through that number", () => {
        const reply = expiredThreadReply(STORE, POOL_A, [
            thread({ sid: "CH9", state: "closed", customerName: "Newest" }),
            thread({ sid: "CH8", state: "closed", customerName: "Older" }),
        ]);
        expect(reply).toContain("Newest");
    });

    it("get nothing with an open thread through that number, or no history with it", () => {
        expect(expiredThreadReply(CUSTOMER, POOL_A, [thread({ state: "inactive" }), thread({ state: "closed" })])).toBe(
            undefined,
        );
        expect(expiredThreadReply(CUSTOMER, POOL_A, [])).toBe(undefined);
        expect(expiredThreadReply(CUSTOMER, POOL_B, [thread({ state: "closed" })])).toBe(undefined);
    });
});

describe("TwiML", () => {
    it("is always an XML string: empty, or one escaped message", () => {
        expect(twimlReply()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
        const warning = twimlReply(dealerOptOutWarning());
        expect(warning).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>You have opted out/);
        expect(twimlReply("a < b & c")).toContain("<Message>a &lt; b &amp; c</Message>");
    });
});
