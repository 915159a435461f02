import { LIST_PAGE_SIZE, type TwilioClient } from "common/twilio";
import { ConversationState } from "common/twilio-proxy";
import { z } from "zod";
import { parseMessageAttributes, parseMessageMedia } from "./conversation-messages";
import type {
    AddressConversation,
    ConversationMessage,
    ConversationRecord,
    ConversationsApi,
    DeliveryReceipt,
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

/** A receipt status Twilio adds later reads as no status yet. */
const ReceiptStatus = z.enum(["read", "failed", "delivered", "undelivered", "sent"]).nullable().catch(null);
/** Twilio's per-message delivery summary: each status as the share of recipients, `none`, `some` or `all`. */
const DeliverySummary = z
    .looseObject({ failed: z.string().nullish(), undelivered: z.string().nullish() })
    .nullish()
    .catch(null);

/** Whether a message's delivery summary counts a failed or undelivered SMS. */
function deliveryFailed(raw: unknown): boolean {
    const summary = DeliverySummary.parse(raw);
    const some = (share: string | null | undefined) => Boolean(share) && share !== "none";
    return some(summary?.failed) || some(summary?.undelivered);
}

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
            this.twilio.conversations.v1.participantConversations.list({ address, pageSize: LIST_PAGE_SIZE }),
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
        try {
            return (await this.conversation(sid).messages.list({ order: "asc" })).map(toMessage);
        } catch (error) {
            if (twilioFailure(error)?.status === 404) return [];
            throw twilioVendorError(`listing messages of ${sid}`, error);
        }
    }

    async fetchMessage(sid: string, messageSid: string): Promise<ConversationMessage | null> {
        try {
            return toMessage(await this.conversation(sid).messages(messageSid).fetch());
        } catch (error) {
            if (twilioFailure(error)?.status === 404) return null;
            throw twilioVendorError(`fetching message ${messageSid} of ${sid}`, error);
        }
    }

    async listReceipts(sid: string, messageSid: string): Promise<DeliveryReceipt[]> {
        const rows = await callTwilio(`listing delivery receipts of ${messageSid}`, () =>
            this.conversation(sid).messages(messageSid).deliveryReceipts.list(),
        );
        return rows.map((row) => ({
            participantSid: row.participantSid ?? null,
            status: ReceiptStatus.parse(row.status),
            errorCode: row.errorCode || null,
        }));
    }

    async sendMessage(sid: string, message: OutgoingMessage): Promise<string> {
        const created = await callTwilio(`posting a message to ${sid}`, () =>
            this.conversation(sid).messages.create(message),
        );
        return created.sid;
    }
}

function toMessage(row: {
    sid: string;
    author: string | null;
    body: string | null;
    attributes: string | null;
    media: unknown;
    delivery: unknown;
    dateCreated: Date | null;
}): ConversationMessage {
    return {
        sid: row.sid,
        author: row.author ?? null,
        body: row.body ?? null,
        attributes: parseMessageAttributes(row.attributes),
        media: parseMessageMedia(row.media),
        dateCreated: (row.dateCreated ?? new Date(0)).toISOString(),
        deliveryFailed: deliveryFailed(row.delivery),
    };
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
