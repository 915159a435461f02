import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
    account,
    conversationWithTwoPhones,
    startSandbox,
    type TwilioSandboxHarness,
    twilioError,
} from "./twilio-harness";

let h: TwilioSandboxHarness;
beforeAll(() => {
    h = startSandbox();
});
afterAll(() => h.stop());

describe("Twilio stand-in: auth and the Messaging Service pool", () => {
    it("refuses a wrong auth token with 401 and Twilio error 20003", async () => {
        const wrong = (await import("common/twilio")).createTwilioClient({
            accountSid: account.accountSid,
            authToken: "not-the-token",
            apiBaseUrl: h.base,
        });
        expect(await twilioError(wrong.conversations.v1.conversations.list())).toMatchObject({
            status: 401,
            code: 20003,
        });
        const bare = await fetch(`${h.base}/conversations/v1/Conversations`);
        expect(bare.status).toBe(401);
        expect(await bare.json()).toMatchObject({ code: 20003, status: 401, more_info: expect.any(String) });
    });

    it("lists the seeded pool page by page, honouring PageSize", async () => {
        const numbers = await h.client.messaging.v1
            .services(account.messagingServiceSid)
            .phoneNumbers.list({ pageSize: 5 });
        expect(numbers.map((n) => n.phoneNumber)).toEqual(account.pool);
        expect(numbers[0]).toMatchObject({ serviceSid: account.messagingServiceSid, countryCode: "US" });
        expect(numbers.find((n) => n.phoneNumber.startsWith("+1416"))?.countryCode).toBe("CA");

        const res = await fetch(
            `${h.base}/messaging/v1/Services/${account.messagingServiceSid}/PhoneNumbers?PageSize=5`,
            {
                headers: { authorization: `Basic ${btoa(`${account.accountSid}:${account.authToken}`)}` },
            },
        );
        const page = (await res.json()) as { phone_numbers: unknown[]; meta: Record<string, unknown> };
        expect(page.phone_numbers).toHaveLength(5);
        expect(page.meta).toMatchObject({ page: 0, page_size: 5, key: "phone_numbers", previous_page_url: null });
        expect(String(page.meta.next_page_url)).toContain("Page=1");
    });

    it("answers 404 (20404) for another Messaging Service", async () => {
        const call = h.client.messaging.v1.services(`MG${"9".repeat(32)}`).phoneNumbers.list();
        expect(await twilioError(call)).toMatchObject({ status: 404, code: 20404 });
    });

    it("grows the pool through POST /__sandbox/pool (pools of 100+ for tests)", async () => {
        const extra = Array.from({ length: 120 }, (_, i) => `+1646555${String(1000 + i)}`);
        const added = await h.control<{ added: number; size: number }>("POST", "/__sandbox/pool", { numbers: extra });
        expect(added).toEqual({ status: 201, body: { added: 120, size: account.pool.length + 120 } });
        const numbers = await h.client.messaging.v1.services(account.messagingServiceSid).phoneNumbers.list();
        expect(numbers).toHaveLength(account.pool.length + 120);
        const bad = await h.control("POST", "/__sandbox/pool", { numbers: ["555"] });
        expect(bad.status).toBe(400);
    });
});

describe("Twilio stand-in: conversations", () => {
    it("creates, fetches by SID and unique name, updates, lists and deletes", async () => {
        const conversations = h.client.conversations.v1.conversations;
        const created = await conversations.create({
            friendlyName: "Dealer\nStore\nWeb2Text Lead",
            uniqueName: "lead-abc",
            attributes: JSON.stringify({ LeadIds: ["abc"] }),
            messagingServiceSid: account.messagingServiceSid,
            state: "active",
            "timers.inactive": "P7D",
            "timers.closed": "P30D",
        });
        expect(created.sid).toMatch(/^CH[0-9a-f]{32}$/);
        expect(created).toMatchObject({
            accountSid: account.accountSid,
            chatServiceSid: account.chatServiceSid,
            messagingServiceSid: account.messagingServiceSid,
            friendlyName: "Dealer\nStore\nWeb2Text Lead",
            uniqueName: "lead-abc",
            state: "active",
        });
        expect(JSON.parse(created.attributes)).toEqual({ LeadIds: ["abc"] });
        expect(created.dateCreated).toBeInstanceOf(Date);
        expect(created.timers).toMatchObject({ date_inactive: expect.any(String), date_closed: expect.any(String) });
        expect(created.links).toMatchObject({
            participants: expect.stringContaining(`/Conversations/${created.sid}/Participants`),
        });

        const byName = await conversations("lead-abc").fetch();
        expect(byName.sid).toBe(created.sid);

        const updated = await conversations(created.sid).update({
            attributes: JSON.stringify({ LeadIds: ["abc", "def"] }),
            state: "inactive",
        });
        expect(updated.state).toBe("inactive");
        expect(JSON.parse(updated.attributes).LeadIds).toEqual(["abc", "def"]);

        const listed = await conversations.list({ pageSize: 2 });
        expect(listed.map((c) => c.sid)).toContain(created.sid);

        await conversations(created.sid).remove();
        expect(await twilioError(conversations(created.sid).fetch())).toMatchObject({ status: 404, code: 20404 });
    });

    it("lists conversations of one State (Conversations v1 `State` filter) across pages", async () => {
        const conversations = h.client.conversations.v1.conversations;
        const inactive = await conversations.create({ friendlyName: "state filter" });
        await conversations(inactive.sid).update({ state: "inactive" });
        const closed = await conversations.create({ friendlyName: "state filter" });
        await conversations(closed.sid).update({ state: "closed" });
        const active = await conversations.create({ friendlyName: "state filter" });

        const sids = async (state: "active" | "inactive" | "closed") =>
            (await conversations.list({ state, pageSize: 1 })).map((c) => {
                expect(c.state).toBe(state);
                return c.sid;
            });
        expect(await sids("inactive")).toContain(inactive.sid);
        expect(await sids("active")).toEqual(expect.arrayContaining([active.sid]));
        expect(await sids("active")).not.toContain(inactive.sid);
        expect(await sids("closed")).toEqual(expect.arrayContaining([closed.sid]));
    });

    it("refuses a duplicate unique name with 409 and error 50353", async () => {
        await h.client.conversations.v1.conversations.create({ uniqueName: "only-once" });
        const again = h.client.conversations.v1.conversations.create({ uniqueName: "only-once" });
        expect(await twilioError(again)).toMatchObject({ status: 409, code: 50353 });
    });

    it("rejects bad timers and non-JSON attributes with 400", async () => {
        const conversations = h.client.conversations.v1.conversations;
        expect((await twilioError(conversations.create({ "timers.closed": "7 days" }))).status).toBe(400);
        expect((await twilioError(conversations.create({ attributes: "{not json" }))).status).toBe(400);
    });

    it("keeps a closed conversation final (50377)", async () => {
        const conversation = await h.client.conversations.v1.conversations.create({ friendlyName: "to close" });
        await h.client.conversations.v1.conversations(conversation.sid).update({ state: "closed" });
        const reopen = h.client.conversations.v1.conversations(conversation.sid).update({ state: "active" });
        expect(await twilioError(reopen)).toMatchObject({ status: 400, code: 50377 });
        const message = h.client.conversations.v1.conversations(conversation.sid).messages.create({ body: "hi" });
        expect((await twilioError(message)).code).toBe(50377);
    });
});

describe("Twilio stand-in: participants and the 50416 rule", () => {
    const customer = "+13125550170";
    const store = "+13125550140";

    it("adds SMS participants with address/proxy bindings and lists them", async () => {
        const { conversation, customer: c } = await conversationWithTwoPhones(h.client, {
            customer,
            store,
            customerProxy: "+13125550101",
            storeProxy: "+13125550102",
        });
        expect(c.sid).toMatch(/^MB/);
        expect(c.messagingBinding).toEqual({ type: "sms", address: customer, proxy_address: "+13125550101" });
        expect(c.identity).toBeNull();
        const listed = await h.client.conversations.v1.conversations(conversation.sid).participants.list();
        expect(listed.map((p) => p.messagingBinding)).toEqual([
            { type: "sms", address: customer, proxy_address: "+13125550101" },
            { type: "sms", address: store, proxy_address: "+13125550102" },
        ]);
    });

    it("refuses an (address, proxy) pair already in an open conversation with 409 / 50416, and frees it on close", async () => {
        const first = await h.client.conversations.v1.conversations.create({ friendlyName: "first" });
        const second = await h.client.conversations.v1.conversations.create({ friendlyName: "second" });
        const binding = { "messagingBinding.address": "+14155550177", "messagingBinding.proxyAddress": "+14155550101" };
        await h.client.conversations.v1.conversations(first.sid).participants.create(binding);

        const clash = h.client.conversations.v1.conversations(second.sid).participants.create(binding);
        expect(await twilioError(clash)).toMatchObject({ status: 409, code: 50416 });
        // Another pool number for the same person is fine.
        await h.client.conversations.v1.conversations(second.sid).participants.create({
            ...binding,
            "messagingBinding.proxyAddress": "+14155550102",
        });

        await h.client.conversations.v1.conversations(first.sid).update({ state: "inactive" });
        expect(
            (await twilioError(h.client.conversations.v1.conversations(second.sid).participants.create(binding))).code,
        ).toBe(50416);
        await h.client.conversations.v1.conversations(first.sid).update({ state: "closed" });
        const third = await h.client.conversations.v1.conversations.create({ friendlyName: "third" });
        const reused = await h.client.conversations.v1.conversations(third.sid).participants.create(binding);
        expect(reused.messagingBinding).toMatchObject({ proxy_address: "+14155550101" });
    });

    it("checks bindings: proxy from the pool (50408), present (50412), different from the address (50409)", async () => {
        const conversation = await h.client.conversations.v1.conversations.create({});
        const participants = h.client.conversations.v1.conversations(conversation.sid).participants;
        const notPool = participants.create({
            "messagingBinding.address": "+13125550171",
            "messagingBinding.proxyAddress": "+19995550100",
        });
        expect(await twilioError(notPool)).toMatchObject({ status: 400, code: 50408 });
        expect((await twilioError(participants.create({ "messagingBinding.address": "+13125550171" }))).code).toBe(
            50412,
        );
        const same = participants.create({
            "messagingBinding.address": "+13125550101",
            "messagingBinding.proxyAddress": "+13125550101",
        });
        expect((await twilioError(same)).code).toBe(50409);
        expect((await twilioError(participants.create({ "messagingBinding.address": "3125550171" }))).code).toBe(50407);
    });

    it("adds a chat identity once (duplicate → 409 / 50433) and removes participants", async () => {
        const conversation = await h.client.conversations.v1.conversations.create({});
        const participants = h.client.conversations.v1.conversations(conversation.sid).participants;
        const broadlume = await participants.create({ identity: "Broadlume" });
        expect(broadlume).toMatchObject({ identity: "Broadlume", messagingBinding: null });
        expect(await twilioError(participants.create({ identity: "Broadlume" }))).toMatchObject({
            status: 409,
            code: 50433,
        });
        await h.client.conversations.v1.conversations(conversation.sid).participants(broadlume.sid).remove();
        expect(await participants.list()).toHaveLength(0);
    });

    it("lists ParticipantConversations by address across pages, with snake_case bindings and states", async () => {
        const address = "+12125550188";
        const pool = ["+12125550101", "+12125550102", "+12125550103", "+12125550104", "+13125550103", "+14165550101"];
        const sids: string[] = [];
        for (const proxy of pool) {
            const conversation = await h.client.conversations.v1.conversations.create({ friendlyName: `pc ${proxy}` });
            await h.client.conversations.v1.conversations(conversation.sid).participants.create({
                "messagingBinding.address": address,
                "messagingBinding.proxyAddress": proxy,
            });
            sids.push(conversation.sid);
        }
        await h.client.conversations.v1.conversations(sids[0] ?? "").update({ state: "closed" });

        const rows = await h.client.conversations.v1.participantConversations.list({ address, pageSize: 4 });
        expect(rows.map((r) => r.conversationSid)).toEqual(sids);
        expect(rows[0]).toMatchObject({ conversationState: "closed", participantIdentity: null });
        expect(rows[1]?.participantMessagingBinding).toEqual({ type: "sms", address, proxy_address: pool[1] });
        expect(rows[1]).toMatchObject({ conversationState: "active", conversationFriendlyName: `pc ${pool[1]}` });

        const firstPage = await h.client.conversations.v1.participantConversations.page({ address, pageSize: 4 });
        expect(firstPage.instances).toHaveLength(4);
        expect(firstPage.nextPageUrl).toContain("Address=%2B12125550188");

        const none = await h.client.conversations.v1.participantConversations.list({ address: "+19999999999" });
        expect(none).toEqual([]);
    });
});
