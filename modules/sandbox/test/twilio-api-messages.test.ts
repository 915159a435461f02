import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { account, eventually, startSandbox, type TwilioSandboxHarness, twilioError } from "./twilio-harness";

// Twilio Programmable Messaging, Message resource (twilio-oai spec/json/twilio_api_v2010.json, CreateMessage):
// To, From or MessagingServiceSid, Body; status queued (From) or accepted (MessagingServiceSid). Error codes from
// Twilio's error dictionary: 21602 (body required), 21603 (From required), 21604 (To required), 21211 (invalid
// To), 21606 (From not a message-capable number of the account), 21610 (unsubscribed recipient: twilio-opt-out.test.ts).

let h: TwilioSandboxHarness;
beforeAll(() => {
    h = startSandbox();
});
afterAll(() => h.stop());

const inbox = async (phone: string) =>
    (await h.control<{ from: string; body: string }[]>("GET", `/__sandbox/phones/${phone}`)).body;

describe("Programmable Messaging sends (POST /2010-04-01/Accounts/{AccountSid}/Messages.json)", () => {
    it("sends from a pool number: queued, then delivered to the phone", async () => {
        const sent = await h.client.messages.create({ to: "+16305550200", from: "+13125550101", body: "Hello" });
        expect(sent).toMatchObject({
            accountSid: account.accountSid,
            from: "+13125550101",
            to: "+16305550200",
            body: "Hello",
            status: "queued",
            direction: "outbound-api",
            errorCode: null,
        });
        expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
        expect(sent.dateCreated).toBeInstanceOf(Date);
        expect(await inbox("+16305550200")).toEqual([expect.objectContaining({ from: "+13125550101", body: "Hello" })]);
        const delivered = await eventually("delivered", async () => {
            const fetched = await h.client.messages(sent.sid).fetch();
            return fetched.status === "delivered" ? fetched : undefined;
        });
        expect(delivered.dateSent).toBeInstanceOf(Date);
    });

    it("sends through the Messaging Service (accepted) from the number the phone last texted with", async () => {
        await h.control("POST", "/__sandbox/sms", { from: "+16305550201", to: "+14155550102", body: "hi" });
        const sent = await h.client.messages.create({
            to: "+16305550201",
            messagingServiceSid: account.messagingServiceSid,
            body: "Thanks for your text",
        });
        expect(sent).toMatchObject({ status: "accepted", messagingServiceSid: account.messagingServiceSid });
        expect((await inbox("+16305550201")).at(-1)).toMatchObject({
            from: "+14155550102",
            body: "Thanks for your text",
        });
    });

    it("refuses bad sends with Twilio's codes and sends nothing", async () => {
        const create = h.client.messages.create.bind(h.client.messages);
        expect((await twilioError(create({ to: "+16305550202", from: "+13125550101" }))).code).toBe(21602);
        expect((await twilioError(create({ to: "+16305550202", body: "x" }))).code).toBe(21603);
        expect((await twilioError(create({ to: "6305550202", from: "+13125550101", body: "x" }))).code).toBe(21211);
        expect((await twilioError(create({ to: "+16305550202", from: "+19995550100", body: "x" }))).code).toBe(21606);
        const otherService = create({ to: "+16305550202", messagingServiceSid: `MG${"1".repeat(32)}`, body: "x" });
        expect((await twilioError(otherService)).code).toBe(20404);
        const noTo = await fetch(`${h.base}/api/2010-04-01/Accounts/${account.accountSid}/Messages.json`, {
            method: "POST",
            headers: {
                authorization: `Basic ${btoa(`${account.accountSid}:${account.authToken}`)}`,
                "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams({ From: "+13125550101", Body: "x" }),
        });
        expect(await noTo.json()).toMatchObject({ code: 21604, status: 400 });
        expect(await inbox("+16305550202")).toEqual([]);
    });

    it("answers 20404 for another account or an unknown message", async () => {
        const res = await fetch(`${h.base}/api/2010-04-01/Accounts/AC${"0".repeat(32)}/Messages/SMx.json`, {
            headers: { authorization: `Basic ${btoa(`${account.accountSid}:${account.authToken}`)}` },
        });
        expect(await res.json()).toMatchObject({ code: 20404, status: 404 });
        expect((await twilioError(h.client.messages(`SM${"0".repeat(32)}`).fetch())).code).toBe(20404);
    });
});
