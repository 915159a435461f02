import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationWithTwoPhones, eventually, startSandbox, type TwilioSandboxHarness } from "./twilio-harness";

let h: TwilioSandboxHarness;
beforeAll(() => {
    h = startSandbox();
});
afterAll(() => h.stop());

interface PhoneMessage {
    from: string;
    to: string;
    body: string;
    at: string;
    conversationSid?: string;
}

const inbox = async (phone: string) => (await h.control<PhoneMessage[]>("GET", `/__sandbox/phones/${phone}`)).body;

describe("Twilio stand-in: messages and delivery", () => {
    const phones = {
        customer: "+13125550180",
        store: "+13125550181",
        customerProxy: "+13125550101",
        storeProxy: "+13125550102",
    };

    it("delivers a message authored by one participant to the other only, from that one's proxy number", async () => {
        const { conversation } = await conversationWithTwoPhones(h.client, phones);
        const messages = h.client.conversations.v1.conversations(conversation.sid).messages;

        const greeting = await messages.create({
            author: phones.customer,
            body: "New Web2Text lead",
            attributes: JSON.stringify({ SystemMessage: true }),
            xTwilioWebhookEnabled: "true",
        });
        expect(greeting).toMatchObject({ index: 0, author: phones.customer, body: "New Web2Text lead", media: null });
        expect(greeting.sid).toMatch(/^IM/);
        expect(JSON.parse(greeting.attributes)).toEqual({ SystemMessage: true });
        expect(greeting.participantSid).toMatch(/^MB/);
        expect(greeting.delivery).toMatchObject({ total: 1, sent: "all" });

        expect(await inbox(phones.store)).toEqual([
            {
                from: phones.storeProxy,
                to: phones.store,
                body: "New Web2Text lead",
                at: expect.any(String),
                conversationSid: conversation.sid,
                messageSid: greeting.sid,
            },
        ]);
        expect(await inbox(phones.customer)).toEqual([]);

        const fromBroadlume = await messages.create({ author: "Broadlume", body: "Hello both" });
        expect(fromBroadlume.participantSid).toBeNull();
        expect((await inbox(phones.customer)).map((m) => [m.from, m.body])).toEqual([
            [phones.customerProxy, "Hello both"],
        ]);
        expect((await inbox(phones.store)).map((m) => m.body)).toEqual(["New Web2Text lead", "Hello both"]);

        const system = await messages.create({ body: "no author" });
        expect(system.author).toBe("system");
    });

    it("lists messages by index (asc/desc, paged) and fetches, updates and removes one", async () => {
        const { conversation } = await conversationWithTwoPhones(h.client, {
            ...phones,
            customerProxy: "+14155550101",
            storeProxy: "+14155550102",
        });
        const context = h.client.conversations.v1.conversations(conversation.sid);
        for (const body of ["one", "two", "three", "four", "five"])
            await context.messages.create({ author: "Broadlume", body });

        const listed = await context.messages.list({ pageSize: 2 });
        expect(listed.map((m) => [m.index, m.body])).toEqual([
            [0, "one"],
            [1, "two"],
            [2, "three"],
            [3, "four"],
            [4, "five"],
        ]);
        const newestFirst = await context.messages.list({ order: "desc", limit: 2 });
        expect(newestFirst.map((m) => m.body)).toEqual(["five", "four"]);

        const second = listed[1]?.sid ?? "";
        expect((await context.messages(second).fetch()).body).toBe("two");
        const updated = await context.messages(second).update({ body: "two (edited)" });
        expect(updated.body).toBe("two (edited)");
        await context.messages(second).remove();
        const after = await context.messages.list();
        expect(after.map((m) => m.index)).toEqual([0, 2, 3, 4]);
        const next = await context.messages.create({ body: "six" });
        expect(next.index).toBe(5);
    });

    it("keeps delivery receipts per recipient: sent, then delivered", async () => {
        const { conversation, store } = await conversationWithTwoPhones(h.client, {
            ...phones,
            customerProxy: "+12125550101",
            storeProxy: "+12125550102",
        });
        const context = h.client.conversations.v1.conversations(conversation.sid);
        await context.participants.create({ identity: "Broadlume" });
        const message = await context.messages.create({ author: phones.customer, body: "Thread expired" });

        const receipts = await context.messages(message.sid).deliveryReceipts.list();
        expect(receipts).toHaveLength(1);
        expect(receipts[0]).toMatchObject({ participantSid: store.sid, messageSid: message.sid, status: "sent" });
        expect(receipts[0]?.channelMessageSid).toMatch(/^SM/);

        const delivered = await eventually("the receipt to turn delivered", async () => {
            const [receipt] = await context.messages(message.sid).deliveryReceipts.list();
            return receipt?.status === "delivered" ? receipt : undefined;
        });
        expect(delivered.errorCode).toBeNull();
        const fetched = await context.messages(message.sid).deliveryReceipts(delivered.sid).fetch();
        expect(fetched.status).toBe("delivered");
        expect((await context.messages(message.sid).fetch()).delivery).toMatchObject({ delivered: "all" });
    });

    it("shows conversations with participants, messages and each phone's thread at /__sandbox/conversations", async () => {
        const { conversation } = await conversationWithTwoPhones(h.client, {
            ...phones,
            customerProxy: "+14165550101",
            storeProxy: "+14165550102",
        });
        await h.client.conversations.v1.conversations(conversation.sid).messages.create({
            author: phones.store,
            body: "Hi from the store",
        });
        const view = await h.control<
            {
                sid: string;
                state: string;
                participants: { role: string; address: string; proxyAddress: string; thread: { body: string }[] }[];
                messages: { body: string }[];
            }[]
        >("GET", "/__sandbox/conversations");
        const shown = view.body.find((c) => c.sid === conversation.sid);
        expect(shown).toMatchObject({ state: "active", messages: [{ body: "Hi from the store" }] });
        expect(
            shown?.participants.map((p) => [p.role, p.address, p.proxyAddress, p.thread.map((t) => t.body)]),
        ).toEqual([
            ["customer", phones.customer, "+14165550101", ["Hi from the store"]],
            ["dealer", phones.store, "+14165550102", []],
        ]);
    });
});
