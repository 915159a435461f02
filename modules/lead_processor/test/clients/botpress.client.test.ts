import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotpressClient } from "../../src/clients/botpress/botpress.client";
import { type SandboxServer, startSandboxServer } from "./sandbox-server";
import { vendorClients, vendorFailure } from "./vendor-clients";

let sb: SandboxServer;
let clients: ReturnType<typeof vendorClients>;
beforeAll(() => {
    sb = startSandboxServer();
    clients = vendorClients(sb);
});
afterAll(() => sb.stop());

describe("BotpressClient against the sandbox", () => {
    it("finds the seeded summary row of a conversation with the bot, workspace and token headers", async () => {
        const row = await clients.botpress.findConversationRow("bp-demo-1");
        expect(row).toMatchObject({ conversationId: "bp-demo-1", topics: expect.arrayContaining(["installation"]) });
        const call = sb.calls("botpress").at(-1);
        expect(call?.path).toBe("/botpress/v1/tables/Int_Connor_Conversations_Table/rows/find");
        expect(call?.body).toEqual({ filter: { conversationId: { $eq: "bp-demo-1" } } });
        expect(call?.headers).toMatchObject({
            authorization: `Bearer ${sb.env.BOTPRESS_API_TOKEN}`,
            "x-bot-id": sb.env.BOTPRESS_BOT_ID,
            "x-workspace-id": sb.env.BOTPRESS_WORKSPACE_ID,
        });
    });

    it("answers undefined when the chatbot left no row, and finds one added later", async () => {
        expect(await clients.botpress.findConversationRow("bp-later")).toBeUndefined();
        const status = await sb.control("POST", "/__sandbox/botpress/rows", {
            conversationId: "bp-later",
            summary: "Asked about carpet.",
        });
        expect(status).toBe(201);
        expect(await clients.botpress.findConversationRow("bp-later")).toMatchObject({
            summary: "Asked about carpet.",
        });
    });

    it("fails as rejected with a wrong token", async () => {
        const botpress = new BotpressClient({
            baseUrl: `${sb.base}/botpress`,
            token: "wrong",
            botId: "sandbox-bot",
            workspaceId: "sandbox-workspace",
            table: "Int_Connor_Conversations_Table",
        });
        expect(await vendorFailure(botpress.findConversationRow("bp-demo-1"))).toMatchObject({
            kind: "rejected",
            status: 401,
        });
    });
});
