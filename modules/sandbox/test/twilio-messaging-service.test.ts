import { describe, expect, it } from "vitest";
import { account, eventually, useTwilioTestbed } from "./twilio-harness";

const bed = useTwilioTestbed({ inbound: true });

/** A text from a phone that is in no conversation: it goes to the Messaging Service's inbound webhook. */
const strangerTexts = (body: string) =>
    bed.h.control("POST", "/__sandbox/sms", { from: "+13125550190", to: account.pool[0], body });

describe("Twilio stand-in: Messaging v1 Service", () => {
    it("fetches our service with the inbound webhook it started with", async () => {
        const service = await bed.h.client.messaging.v1.services(account.messagingServiceSid).fetch();
        expect(service).toMatchObject({
            sid: account.messagingServiceSid,
            accountSid: account.accountSid,
            inboundRequestUrl: bed.inboundUrl,
            inboundMethod: "POST",
            useInboundWebhookOnNumber: false,
        });
    });

    it("answers 404 for another service", async () => {
        const other = `MG${"f".repeat(32)}`;
        await expect(bed.h.client.messaging.v1.services(other).fetch()).rejects.toMatchObject({
            status: 404,
            code: 20404,
        });
    });

    it("posts inbound texts to the InboundRequestUrl set by update, and to none once it is cleared", async () => {
        const moved = `${bed.receiver.url}/elsewhere/onIncomingMessage`;
        const services = bed.h.client.messaging.v1.services(account.messagingServiceSid);
        const updated = await services.update({ inboundRequestUrl: moved });
        expect(updated.inboundRequestUrl).toBe(moved);
        expect((await services.fetch()).inboundRequestUrl).toBe(moved);

        await strangerTexts("first");
        await eventually("the text at the new URL", () =>
            bed.receiver.received.find((r) => r.url === moved && r.params.Body === "first"),
        );
        expect(bed.receiver.received.filter((r) => r.url === bed.inboundUrl && r.params.Body === "first")).toEqual([]);

        await services.update({ inboundRequestUrl: "" });
        expect((await services.fetch()).inboundRequestUrl).toBeNull();
        expect((await strangerTexts("second")).body).toMatchObject({ delivered: "webhook" });
        expect(bed.receiver.received.filter((r) => r.params.Body === "second")).toEqual([]);

        await services.update({ inboundRequestUrl: bed.inboundUrl });
    });

    it.each([
        [{ inboundRequestUrl: "not a url" }, "InboundRequestUrl must be an absolute http(s) URL"],
        [{ inboundRequestUrl: "ftp://example.com/x" }, "InboundRequestUrl must be an absolute http(s) URL"],
        [{ inboundMethod: "GET" }, "InboundMethod must be POST (the sandbox posts inbound texts as forms)"],
    ])("refuses %j with 400 and changes nothing", async (params, message) => {
        const services = bed.h.client.messaging.v1.services(account.messagingServiceSid);
        await expect(services.update(params)).rejects.toMatchObject({ status: 400, code: 20001, message });
        expect((await services.fetch()).inboundRequestUrl).toBe(bed.inboundUrl);
    });

    it("requires the account's credentials", async () => {
        const res = await fetch(`${bed.h.base}/messaging/v1/Services/${account.messagingServiceSid}`);
        expect(res.status).toBe(401);
    });
});
