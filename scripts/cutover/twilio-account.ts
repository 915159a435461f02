import { createTwilioClient } from "common/twilio";
import { TwilioConversationsClient, type WebhookRecord, type WebhookSpec } from "lead-processor";
import type { CutoverSettings } from "./settings";

/** An open conversation of our Messaging Service. */
export interface OpenConversation {
    sid: string;
    state: "active" | "inactive";
    friendlyName: string | null;
}

/** The Twilio calls the cutover makes, each one REST round trip (or a paged list). */
export interface CutoverTwilio {
    /** Active and inactive conversations (Conversations v1 list, `State` filter) of the Messaging Service. */
    openConversations(): Promise<OpenConversation[]>;
    listWebhooks(conversationSid: string): Promise<WebhookRecord[]>;
    addWebhook(conversationSid: string, webhook: WebhookSpec): Promise<void>;
    removeWebhook(conversationSid: string, webhookSid: string): Promise<void>;
    /** The Messaging Service's `InboundRequestUrl` (null when inbound messages are off). */
    inboundRequestUrl(): Promise<string | null>;
    setInboundRequestUrl(url: string): Promise<void>;
}

/**
 * {@link CutoverTwilio} over the `twilio` library (Twilio, or its stand-in at `TWILIO_API_BASE_URL`). Listing
 * and adding conversation webhooks go through the lead processor's own client, so a webhook is registered
 * exactly as a new lead's is.
 */
export function cutoverTwilio(settings: CutoverSettings): CutoverTwilio {
    const twilio = createTwilioClient({
        accountSid: settings.TWILIO_ACCOUNT_SID,
        authToken: settings.TWILIO_AUTH_TOKEN,
        apiBaseUrl: settings.TWILIO_API_BASE_URL,
    });
    const conversations = new TwilioConversationsClient(twilio);
    const service = twilio.messaging.v1.services(settings.TWILIO_MESSAGING_SERVICE_SID);
    return {
        openConversations: async () => {
            const open: OpenConversation[] = [];
            for (const state of ["active", "inactive"] as const) {
                const rows = await twilio.conversations.v1.conversations.list({ state, pageSize: 100 });
                for (const row of rows) {
                    if (row.messagingServiceSid !== settings.TWILIO_MESSAGING_SERVICE_SID) continue;
                    if (row.state !== state) continue;
                    open.push({ sid: row.sid, state, friendlyName: row.friendlyName ?? null });
                }
            }
            return open;
        },
        listWebhooks: (sid) => conversations.listWebhooks(sid),
        addWebhook: (sid, webhook) => conversations.addWebhook(sid, webhook),
        removeWebhook: async (sid, webhookSid) => {
            await twilio.conversations.v1.conversations(sid).webhooks(webhookSid).remove();
        },
        inboundRequestUrl: async () => (await service.fetch()).inboundRequestUrl ?? null,
        setInboundRequestUrl: async (url) => {
            await service.update({ inboundRequestUrl: url, inboundMethod: "POST" });
        },
    };
}
