import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { account, conversationWithTwoPhones, eventually, twilioError, useTwilioTestbed } from "./twilio-harness";

// Twilio's error body is {code, message, more_info, status} with Twilio's own codes (Twilio REST API
// "Errors" / error dictionary: 20404 not found, 20429 too many requests, 20500, 20503); more_info is the
// code's page under https://www.twilio.com/docs/errors/. Error 30034: message from a number not registered
// for US A2P 10DLC (Twilio error dictionary), one of the failures the close notice's receipts surfaced.

const bed = useTwilioTestbed();
afterEach(async () => {
    await bed.h.control("DELETE", "/__sandbox/faults");
});

const TwilioBody = z.strictObject({ code: z.number(), message: z.string(), more_info: z.string(), status: z.number() });
const basic = `Basic ${btoa(`${account.accountSid}:${account.authToken}`)}`;

describe("faults on Twilio answer in Twilio's error shape, with Twilio's codes", () => {
    it.each([
        [429, 20429],
        [500, 20500],
        [503, 20503],
        [404, 20404],
    ])("HTTP %i → code %i", async (status, code) => {
        await bed.h.control("POST", "/__sandbox/faults", { service: "twilio", status, count: 1, retryAfter: 1 });
        const res = await fetch(`${bed.h.base}/conversations/v1/Conversations`, { headers: { authorization: basic } });
        expect(res.status).toBe(status);
        expect(TwilioBody.parse(await res.json())).toEqual({
            code,
            message: expect.any(String),
            more_info: `https://www.twilio.com/docs/errors/${code}`,
            status,
        });
        expect(res.headers.get("retry-after")).toBe("1");
    });

    it("reaches the helper library as a RestException with Twilio's code", async () => {
        await bed.h.control("POST", "/__sandbox/faults", { service: "twilio", status: 429, count: 1 });
        expect(await twilioError(bed.h.client.conversations.v1.conversations.list())).toEqual({
            status: 429,
            code: 20429,
            moreInfo: "https://www.twilio.com/docs/errors/20429",
        });
    });

    it("other vendors keep their own shape", async () => {
        await bed.h.control("POST", "/__sandbox/faults", { service: "rlm", status: 503, count: 1 });
        const res = await fetch(`${bed.h.base}/rlm/api/note_from_sms`, { method: "POST" });
        expect(await res.json()).toEqual({ code: 503, message: "Sandbox fault injected for rlm", status: 503 });
    });
});

describe('delivery fault: POST /__sandbox/faults {"service":"twilio-delivery","errorCode":30034,"count":N}', () => {
    const phones = {
        customer: "+16305550110",
        store: "+16305550111",
        customerProxy: "+13125550101",
        storeProxy: "+13125550102",
    };

    it("fails the next N conversation deliveries with the code (receipt undelivered), then delivers again", async () => {
        const { conversation } = await conversationWithTwoPhones(bed.h.client, phones);
        const messages = bed.h.client.conversations.v1.conversations(conversation.sid).messages;
        await bed.h.control("POST", "/__sandbox/faults", { service: "twilio-delivery", errorCode: 30034, count: 1 });
        const notice = await messages.create({ author: phones.store, body: "This thread is now closed" });
        expect((await messages(notice.sid).deliveryReceipts.list())[0]).toMatchObject({
            status: "undelivered",
            errorCode: 30034,
        });
        expect((await messages(notice.sid).fetch()).delivery).toMatchObject({ undelivered: "all" });
        const inbox = await bed.h.control<{ body: string }[]>("GET", `/__sandbox/phones/${phones.customer}`);
        expect(inbox.body.map((m) => m.body)).not.toContain("This thread is now closed");

        const next = await messages.create({ author: phones.store, body: "next" });
        expect((await messages(next.sid).deliveryReceipts.list())[0]).toMatchObject({
            status: "sent",
            errorCode: null,
        });
    });

    it("can say the receipt is failed, and fails Programmable Messaging sends too", async () => {
        await bed.h.control("POST", "/__sandbox/faults", {
            service: "twilio-delivery",
            errorCode: 30007,
            receiptStatus: "failed",
            count: 1,
        });
        const sent = await bed.h.client.messages.create({ to: "+16305550120", from: "+13125550103", body: "hello" });
        expect(sent.status).toBe("queued");
        const settled = await eventually("the send to settle", async () => {
            const fetched = await bed.h.client.messages(sent.sid).fetch();
            return fetched.status === "queued" ? undefined : fetched;
        });
        expect(settled).toMatchObject({ status: "failed", errorCode: 30007 });
    });

    it.each([
        [{ service: "twilio-delivery", count: 1 }, "errorCode"],
        [{ service: "twilio-delivery", errorCode: 30034, status: 500, count: 1 }, "status"],
        [{ service: "rlm", errorCode: 30034, status: 500, count: 1 }, "errorCode"],
        [{ service: "twilio-delivery", errorCode: 30034 }, "count"],
    ])("refuses %j with 400 naming %s, and sets nothing", async (body, field) => {
        const refused = await bed.h.control<{ message: string }>("POST", "/__sandbox/faults", body);
        expect(refused.status).toBe(400);
        expect(refused.body.message).toContain(field);
        expect((await bed.h.control("GET", "/__sandbox/faults")).body).toEqual([]);
    });
});
