import { afterEach, describe, expect, it } from "vitest";
import { account, conversationWithTwoPhones, eventually, twilioError, useTwilioTestbed } from "./twilio-harness";

// Documentation these tests follow:
// - Twilio "Inbound Message Handling & Autocreation" (Conversations): a text whose To/From pair is bound to a
//   participant of an open conversation goes to that conversation, not to the Messaging Service's incoming
//   message webhook; only a text that belongs to no conversation reaches that webhook.
// - Twilio "Advanced Opt-Out" (Messaging Services) and error 21610: after STOP (STOPALL, UNSUBSCRIBE, CANCEL,
//   END, QUIT), sends to the phone from the service fail with 21610 until START (YES, UNSTOP); on a Messaging
//   Service the opt-out covers every number of the service.

const bed = useTwilioTestbed({ inbound: true });
afterEach(async () => {
    await bed.h.control("DELETE", "/__sandbox/settings");
});

interface SmsResult {
    delivered: "conversation" | "webhook";
    conversationSid?: string;
    messageSid?: string;
    optOutType?: string;
    webhook?: unknown;
}

const text = async (from: string, to: string, body: string) =>
    (await bed.h.control<SmsResult>("POST", "/__sandbox/sms", { from, to, body })).body;
const inboundFrom = (phone: string) =>
    bed.receiver.received.filter((r) => r.url === bed.inboundUrl && r.params.From === phone).map((r) => r.params);
const inbox = async (phone: string) =>
    (await bed.h.control<{ from: string; body: string }[]>("GET", `/__sandbox/phones/${phone}`)).body;

let n = 0;
/** A customer and a store in a fresh conversation (each phone number unique to the test). */
async function thread(customerProxy = "+13125550101", storeProxy = "+13125550102") {
    n += 1;
    const customer = `+1773555${String(1000 + n)}`;
    const store = `+1773555${String(2000 + n)}`;
    const { conversation } = await conversationWithTwoPhones(bed.h.client, {
        customer,
        store,
        customerProxy,
        storeProxy,
    });
    const context = bed.h.client.conversations.v1.conversations(conversation.sid);
    await context.webhooks.create({
        target: "webhook",
        "configuration.url": `${bed.receiver.url}/sync/${conversation.sid}`,
        "configuration.filters": ["onMessageAdded"],
    });
    const synced = () => bed.receiver.received.filter((r) => r.url === `${bed.receiver.url}/sync/${conversation.sid}`);
    return { customer, store, customerProxy, conversation, context, synced };
}

describe("stopRouting: where a STOP typed inside an open thread goes (Inbound Message Handling & Autocreation)", () => {
    it("conversation (default): it becomes a message of the conversation and fires onMessageAdded, not the inbound webhook", async () => {
        const t = await thread();
        const result = await text(t.customer, t.customerProxy, "STOP");
        expect(result).toMatchObject({
            delivered: "conversation",
            conversationSid: t.conversation.sid,
            optOutType: "STOP",
        });
        expect(result.webhook).toBeUndefined();
        const [added] = await eventually("onMessageAdded", () => (t.synced().length ? t.synced() : undefined));
        expect(added?.params).toMatchObject({ Body: "STOP", Author: t.customer, Source: "SMS" });
        expect((await t.context.messages.list()).map((m) => m.body)).toEqual(["STOP"]);
        expect(inboundFrom(t.customer)).toEqual([]);
        expect((await bed.h.control("GET", "/__sandbox/opt-outs")).body).toContainEqual(
            expect.objectContaining({ phone: t.customer, poolNumber: t.customerProxy }),
        );
    });

    it("inbound-webhook: it reaches only the Messaging Service inbound webhook, with OptOutType", async () => {
        await bed.h.configure({ stopRouting: "inbound-webhook" });
        const t = await thread();
        const result = await text(t.customer, t.customerProxy, "unsubscribe");
        expect(result).toMatchObject({ delivered: "webhook", optOutType: "STOP", webhook: { status: 200 } });
        expect(inboundFrom(t.customer)).toEqual([
            expect.objectContaining({ Body: "unsubscribe", To: t.customerProxy, OptOutType: "STOP" }),
        ]);
        expect(await t.context.messages.list()).toEqual([]);
        // An ordinary text on the same pair still goes to the conversation.
        expect((await text(t.customer, t.customerProxy, "ok")).delivered).toBe("conversation");
    });

    it("both: it reaches the conversation and the inbound webhook", async () => {
        await bed.h.configure({ stopRouting: "both" });
        const t = await thread();
        const result = await text(t.customer, t.customerProxy, "Stop");
        expect(result).toMatchObject({ delivered: "conversation", optOutType: "STOP", webhook: { status: 200 } });
        expect(inboundFrom(t.customer)).toHaveLength(1);
        expect((await t.context.messages.list()).map((m) => m.body)).toEqual(["Stop"]);
    });

    it("a STOP on a pair with no open conversation always reaches the inbound webhook", async () => {
        const phone = "+17735559001";
        const result = await text(phone, "+13125550103", "STOP");
        expect(result).toMatchObject({ delivered: "webhook", optOutType: "STOP" });
        expect(inboundFrom(phone)).toEqual([expect.objectContaining({ OptOutType: "STOP" })]);
    });
});

describe("optOutScope (Advanced Opt-Out: a Messaging Service opt-out covers every number; error 21610)", () => {
    it("messaging-service (default): a STOP to one number blocks sends from every number until START", async () => {
        const first = await thread("+12125550101", "+12125550102");
        await text(first.customer, first.customerProxy, "STOPALL");

        // Another conversation with the same customer through another pool number.
        const { conversation } = await conversationWithTwoPhones(bed.h.client, {
            customer: first.customer,
            store: "+17735553999",
            customerProxy: "+12125550103",
            storeProxy: "+12125550104",
        });
        const messages = bed.h.client.conversations.v1.conversations(conversation.sid).messages;
        const received = (await inbox(first.customer)).length;
        const blocked = await messages.create({ author: "+17735553999", body: "Still interested?" });
        const [receipt] = await messages(blocked.sid).deliveryReceipts.list();
        expect(receipt).toMatchObject({ status: "failed", errorCode: 21610 });
        expect((await messages(blocked.sid).fetch()).delivery).toMatchObject({ failed: "all", sent: "none" });
        expect(await inbox(first.customer)).toHaveLength(received);

        const send = bed.h.client.messages.create({
            to: first.customer,
            messagingServiceSid: account.messagingServiceSid,
            body: "Programmable Messaging send",
        });
        expect(await twilioError(send)).toEqual({
            status: 400,
            code: 21610,
            moreInfo: "https://www.twilio.com/docs/errors/21610",
        });
        const fromOther = bed.h.client.messages.create({
            to: first.customer,
            from: "+14155550101",
            body: "from another",
        });
        expect((await twilioError(fromOther)).code).toBe(21610);

        const start = await text(first.customer, "+12125550103", "UNSTOP");
        expect(start.optOutType).toBe("START");
        const welcome = await messages.create({ author: "+17735553999", body: "Welcome back" });
        const [delivered] = await messages(welcome.sid).deliveryReceipts.list();
        expect(delivered?.status).toBe("sent");
        expect((await inbox(first.customer)).at(-1)?.body).toBe("Welcome back");
        expect((await bed.h.control("GET", "/__sandbox/opt-outs")).body).not.toContainEqual(
            expect.objectContaining({ phone: first.customer }),
        );
    });

    it("number: a STOP blocks only the (phone, pool number) pair it was texted to", async () => {
        await bed.h.configure({ optOutScope: "number" });
        const t = await thread("+14165550101", "+14165550102");
        await text(t.customer, t.customerProxy, "quit");
        const blocked = await t.context.messages.create({ author: t.store, body: "Are you there?" });
        expect((await t.context.messages(blocked.sid).deliveryReceipts.list())[0]).toMatchObject({
            status: "failed",
            errorCode: 21610,
        });
        const other = await bed.h.client.messages.create({
            to: t.customer,
            from: "+14165550103",
            body: "other number",
        });
        expect(other.status).toBe("queued");
        expect((await inbox(t.customer)).at(-1)?.body).toBe("other number");
        const same = bed.h.client.messages.create({ to: t.customer, from: t.customerProxy, body: "same number" });
        expect((await twilioError(same)).code).toBe(21610);
    });

    it("only single-word keywords opt out", async () => {
        const t = await thread();
        await text(t.customer, t.customerProxy, "please stop texting me");
        const next = await t.context.messages.create({ author: t.store, body: "Sorry!" });
        expect((await t.context.messages(next.sid).deliveryReceipts.list())[0]?.status).toBe("sent");
    });
});
