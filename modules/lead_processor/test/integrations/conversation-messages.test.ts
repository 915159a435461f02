import { createTwilioClient } from "common/twilio";
import { seed } from "sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VendorError } from "../../src/clients/http";
import { TwilioConversationMessages } from "../../src/integrations/shared/conversation-messages";
import { type SandboxServer, startSandboxServer } from "../clients/sandbox-server";

let sb: SandboxServer;
beforeAll(() => {
    sb = startSandboxServer();
});
afterAll(() => sb.stop());

const twilio = () =>
    createTwilioClient({ accountSid: seed.twilio.accountSid, authToken: seed.twilio.authToken, apiBaseUrl: sb.base });

describe("TwilioConversationMessages against the Twilio sandbox", () => {
    it("lists messages oldest first as plain JSON with parsed attributes", async () => {
        const client = twilio();
        const conversation = await client.conversations.v1.conversations.create({ friendlyName: "copy test" });
        const messages = client.conversations.v1.conversations(conversation.sid).messages;
        await messages.create({ author: "+13125550199", body: "first" });
        await messages.create({
            author: "+13125550142",
            body: "greeting",
            attributes: JSON.stringify({ SystemMessage: true }),
        });
        const listed = await new TwilioConversationMessages(client).listMessages(conversation.sid);
        expect(listed.map((m) => [m.author, m.body, m.attributes])).toEqual([
            ["+13125550199", "first", {}],
            ["+13125550142", "greeting", { SystemMessage: true }],
        ]);
        expect(listed[0]?.sid).toMatch(/^IM/);
        expect(listed[0]?.media).toEqual([]);
        expect(JSON.parse(JSON.stringify(listed))).toEqual(listed);
    });

    it("turns an unknown conversation into a rejected VendorError", async () => {
        const error = await new TwilioConversationMessages(twilio())
            .listMessages("CH0000000000000000000000000000dead")
            .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VendorError);
        expect(error).toMatchObject({ kind: "rejected", status: 404 });
    });
});
