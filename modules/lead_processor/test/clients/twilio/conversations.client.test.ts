/** The Conversations client on the real `twilio` library, against the sandbox's Twilio (Twilio's wire format). */
import { createTwilioClient, type TwilioClient } from "common/twilio";
import { seed } from "sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VendorError } from "../../../src/clients/http";
import { TwilioConversationsClient } from "../../../src/clients/twilio/conversations.client";
import { type SandboxServer, startSandboxServer } from "../sandbox-server";

const CUSTOMER = "+13125550111";
const STORE = "+13125550142";

describe("Twilio Conversations client on the twilio library", () => {
    let sb: SandboxServer;
    let client: TwilioClient;
    let api: TwilioConversationsClient;

    beforeAll(() => {
        sb = startSandboxServer();
        client = createTwilioClient({
            accountSid: seed.twilio.accountSid,
            authToken: seed.twilio.authToken,
            apiBaseUrl: sb.base,
        });
        api = new TwilioConversationsClient(client);
    });
    afterAll(() => sb.stop());

    async function conversationWithBoth() {
        const conversation = await client.conversations.v1.conversations.create({
            attributes: JSON.stringify({ LeadIds: ["a"] }),
        });
        const participants = client.conversations.v1.conversations(conversation.sid).participants;
        await participants.create({
            "messagingBinding.address": CUSTOMER,
            "messagingBinding.proxyAddress": seed.twilio.pool[0],
        });
        await participants.create({
            "messagingBinding.address": STORE,
            "messagingBinding.proxyAddress": seed.twilio.pool[1],
        });
        return conversation.sid;
    }

    it("reads conversations, the address listing with proxy numbers, and participants", async () => {
        const sid = await conversationWithBoth();
        const fetched = await api.fetchConversation(sid);
        expect(fetched).toMatchObject({
            sid,
            state: "active",
            attributes: JSON.stringify({ LeadIds: ["a"] }),
            messagingServiceSid: seed.twilio.messagingServiceSid,
        });
        expect(fetched?.dateUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(await api.conversationsOf(CUSTOMER)).toContainEqual({
            conversationSid: sid,
            state: "active",
            proxyAddress: seed.twilio.pool[0],
        });
        const participants = await api.listParticipants(sid);
        expect(participants.map((p) => [p.address, p.proxyAddress])).toEqual([
            [CUSTOMER, seed.twilio.pool[0]],
            [STORE, seed.twilio.pool[1]],
        ]);
        await api.updateConversation(sid, { state: "closed" });
    });

    it("answers null for an unknown conversation and a typed rejection for a closed one's update", async () => {
        expect(await api.fetchConversation("CH0000000000000000000000000000dead")).toBeNull();
        const sid = await conversationWithBoth();
        await api.updateConversation(sid, { state: "closed" });
        const failure = await api.updateConversation(sid, { attributes: "{}" }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(VendorError);
        expect(failure).toMatchObject({ kind: "rejected", status: 400 });
    });

    it("adds the chat identity once (50433 is not an error), webhooks, and messages with attributes", async () => {
        const sid = await conversationWithBoth();
        await api.addChatParticipant(sid, "Broadlume");
        await api.addChatParticipant(sid, "Broadlume");
        expect((await api.listParticipants(sid)).filter((p) => p.identity === "Broadlume")).toHaveLength(1);

        await api.addWebhook(sid, {
            url: "https://ingress.example/TwilioWebhooks/sync",
            method: "POST",
            filters: ["onMessageAdded"],
        });
        expect(await api.listWebhooks(sid)).toEqual([
            expect.objectContaining({
                url: "https://ingress.example/TwilioWebhooks/sync",
                method: "post",
                filters: ["onMessageAdded"],
            }),
        ]);

        const messageSid = await api.sendMessage(sid, {
            author: STORE,
            body: "Hello",
            attributes: JSON.stringify({ SystemMessage: true, Kind: "CustomerGreeting" }),
        });
        expect(await api.listMessages(sid)).toEqual([
            {
                sid: messageSid,
                author: STORE,
                body: "Hello",
                attributes: { SystemMessage: true, Kind: "CustomerGreeting" },
                media: [],
                dateCreated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
                deliveryFailed: false,
            },
        ]);
        expect(await api.fetchMessage(sid, messageSid)).toMatchObject({ sid: messageSid, body: "Hello" });
        expect(await api.fetchMessage(sid, "IM0000000000000000000000000000dead")).toBeNull();
        await api.updateConversation(sid, { state: "closed" });
    });

    it("lists messages oldest first as plain JSON with parsed attributes", async () => {
        const conversation = await client.conversations.v1.conversations.create({ friendlyName: "copy test" });
        const messages = client.conversations.v1.conversations(conversation.sid).messages;
        await messages.create({ author: "+13125550199", body: "first" });
        await messages.create({
            author: "+13125550142",
            body: "greeting",
            attributes: JSON.stringify({ SystemMessage: true }),
        });
        const listed = await api.listMessages(conversation.sid);
        expect(listed.map((m) => [m.author, m.body, m.attributes])).toEqual([
            ["+13125550199", "first", {}],
            ["+13125550142", "greeting", { SystemMessage: true }],
        ]);
        expect(listed[0]?.sid).toMatch(/^IM/);
        expect(listed[0]?.media).toEqual([]);
        expect(JSON.parse(JSON.stringify(listed))).toEqual(listed);
    });

    it("answers no messages for a conversation Twilio no longer has", async () => {
        expect(await api.listMessages("CH0000000000000000000000000000dead")).toEqual([]);
    });

    it("reads delivery receipts, and a message's failed delivery from Twilio's delivery summary", async () => {
        const sid = await conversationWithBoth();
        const delivered = await api.sendMessage(sid, { author: STORE, body: "Delivered", attributes: "{}" });
        const status = await sb.control("POST", "/__sandbox/faults", {
            service: "twilio-delivery",
            errorCode: 30034,
            count: 1,
        });
        expect(status).toBe(201);
        const refused = await api.sendMessage(sid, { author: STORE, body: "Not delivered", attributes: "{}" });

        const participants = await api.listParticipants(sid);
        const customer = participants.find((p) => p.address === CUSTOMER);
        expect(await api.listReceipts(sid, refused)).toEqual([
            { participantSid: customer?.sid, status: "undelivered", errorCode: 30034 },
        ]);
        const [first] = await api.listReceipts(sid, delivered);
        expect(first).toMatchObject({ participantSid: customer?.sid, errorCode: null });
        expect(["sent", "delivered"]).toContain(first?.status);
        expect((await api.listMessages(sid)).map((m) => [m.body, m.deliveryFailed])).toEqual([
            ["Delivered", false],
            ["Not delivered", true],
        ]);
        await api.updateConversation(sid, { state: "closed" });
    });
});
