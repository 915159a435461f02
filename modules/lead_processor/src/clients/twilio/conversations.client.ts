import type { TwilioClient } from "common/twilio";
import { ConversationState } from "common/twilio-proxy";
import { z } from "zod";
import { parseMessageAttributes, parseMessageMedia } from "./conversation-messages";
import type {
    AddressConversation,
    ConversationMessage,
    ConversationRecord,
    ConversationsApi,
    OutgoingMessage,
    ParticipantRecord,
    WebhookRecord,
    WebhookSpec,
} from "./conversations.types";
import { callTwilio, PARTICIPANT_EXISTS, twilioFailure, twilioVendorError } from "./twilio-errors";

/** A state Twilio adds later reads as closed: the product then treats the thread as gone. */
const State = ConversationState.catch("closed");
/** `messaging_binding` / `participant_messaging_binding`: the SDK passes the nested snake_case object through. */
const Binding = z.looseObject({ address: z.string().nullish(), proxy_address: z.string().nullish() }).nullish();
const WebhookConfiguration = z
    .looseObject({ url: z.string().nullish(), method: z.string().nullish(), filters: z.array(z.string()).nullish() })
    .nullish();

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const state = (value: unknown): ConversationState => State.parse(value);

/** {@link ConversationsApi} over the `twilio` library (Twilio itself, or the sandbox via `TWILIO_API_BASE_URL`). */
export class TwilioConversationsClient implements ConversationsApi {
    constructor(private readonly twilio: TwilioClient) {}

    private conversation(sid: string) {
        return this.twilio.conversations.v1.conversations(sid);
    }

    async fetchConversation(sid: string): Promise<ConversationRecord | null> {
        try {
            return toRecord(await this.conversation(sid).fetch());
        } catch (error) {
            if (twilioFailure(error)?.status === 404) return null;
            throw twilioVendorError(`fetching conversation ${sid}`, error);
        }
    }

    async updateConversation(
        sid: string,
        changes: { attributes?: string; state?: "active" | "inactive" | "closed" },
    ): Promise<ConversationRecord> {
        return callTwilio(`updating conversation ${sid}`, async () =>
            toRecord(await this.conversation(sid).update(changes)),
        );
    }

    async conversationsOf(address: string): Promise<AddressConversation[]> {
        const rows = await callTwilio("listing participant conversations", () =>
            this.twilio.conversations.v1.participantConversations.list({ address }),
        );
        return rows.map((row) => ({
            conversationSid: row.conversationSid,
            state: state(row.conversationState),
            proxyAddress: Binding.catch(null).parse(row.participantMessagingBinding)?.proxy_address ?? null,
        }));
    }

    async listParticipants(sid: string): Promise<ParticipantRecord[]> {
        const rows = await callTwilio(`listing participants of ${sid}`, () =>
            this.conversation(sid).participants.list(),
        );
        return rows.map((row) => {
            const binding = Binding.catch(null).parse(row.messagingBinding);
            return {
                sid: row.sid,
                identity: row.identity ?? null,
                address: binding?.address ?? null,
                proxyAddress: binding?.proxy_address ?? null,
            };
        });
    }

    async addChatParticipant(sid: string, identity: string): Promise<void> {
        try {
            await this.conversation(sid).participants.create({ identity });
        } catch (error) {
            if (twilioFailure(error)?.code === PARTICIPANT_EXISTS) return;
            throw twilioVendorError(`adding participant ${identity} to ${sid}`, error);
        }
    }

    async listWebhooks(sid: string): Promise<WebhookRecord[]> {
        const rows = await callTwilio(`listing webhooks of ${sid}`, () => this.conversation(sid).webhooks.list());
        return rows.map((row) => {
            const configuration = WebhookConfiguration.catch(null).parse(row.configuration);
            return {
                sid: row.sid,
                url: configuration?.url ?? null,
                method: configuration?.method ?? null,
                filters: configuration?.filters ?? [],
            };
        });
    }

    async addWebhook(sid: string, webhook: WebhookSpec): Promise<void> {
        await callTwilio(`adding a webhook to ${sid}`, () =>
            this.conversation(sid).webhooks.create({
                target: "webhook",
                "configuration.url": webhook.url,
                "configuration.method": "post",
                "configuration.filters": webhook.filters,
            }),
        );
    }

    async listMessages(sid: string): Promise<ConversationMessage[]> {
        const rows = await callTwilio(`listing messages of ${sid}`, () =>
            this.conversation(sid).messages.list({ order: "asc" }),
        );
        return rows.map((row) => ({
            sid: row.sid,
            author: row.author ?? null,
            body: row.body ?? null,
            attributes: parseMessageAttributes(row.attributes),
            media: parseMessageMedia(row.media),
            dateCreated: (row.dateCreated ?? new Date(0)).toISOString(),
        }));
    }

    async sendMessage(sid: string, message: OutgoingMessage): Promise<string> {
        const created = await callTwilio(`posting a message to ${sid}`, () =>
            this.conversation(sid).messages.create(message),
        );
        return created.sid;
    }
}

function toRecord(c: {
    sid: string;
    state: unknown;
    attributes: string | null;
    messagingServiceSid: string | null;
    dateUpdated: Date | null;
}): ConversationRecord {
    return {
        sid: c.sid,
        state: state(c.state),
        attributes: c.attributes ?? "{}",
        messagingServiceSid: c.messagingServiceSid ?? null,
        dateUpdated: iso(c.dateUpdated),
    };
}
