/**
 * The Twilio Conversations calls the Web2Text integration, the message copy and the Twilio webhooks make, as
 * plain JSON-safe records (so step results journal cleanly). `TwilioConversationsClient` implements it with the
 * `twilio` library; tests use an in-memory fake.
 */
import type { ConversationState } from "common/twilio-proxy";

/** A conversation as fetched. */
export interface ConversationRecord {
    sid: string;
    state: ConversationState;
    /** The raw `attributes` JSON string. */
    attributes: string;
    messagingServiceSid: string | null;
    /** ISO-8601 time of the last update, if Twilio gave one. */
    dateUpdated: string | null;
}

/** One row of `ParticipantConversations?Address=`: a conversation an address takes part in. */
export interface AddressConversation {
    conversationSid: string;
    state: ConversationState;
    /** The pool number the address talks through in that conversation. */
    proxyAddress: string | null;
}

/** A conversation participant: an SMS binding (address + proxy) or a chat identity. */
export interface ParticipantRecord {
    sid: string;
    identity: string | null;
    address: string | null;
    proxyAddress: string | null;
}

/** A conversation-scoped webhook. */
export interface WebhookRecord {
    sid: string;
    url: string | null;
    method: string | null;
    filters: string[];
}

/** One media item of a message; only the name is copied to the lead-tracking systems. */
export interface MessageMedia {
    sid: string | null;
    filename: string | null;
}

/** A conversation message, with its attributes parsed (`{}` when they are not a JSON object). */
export interface ConversationMessage {
    sid: string;
    /** The author's identity: an E.164 address for SMS participants, a name for chat identities. */
    author: string | null;
    body: string | null;
    attributes: Record<string, unknown>;
    media: MessageMedia[];
    /** ISO-8601 creation time. */
    dateCreated: string;
    /** Twilio's delivery summary says an SMS of this message failed or was undelivered (its receipts say why). */
    deliveryFailed: boolean;
}

/** A delivery receipt's status (Twilio: `read`, `failed`, `delivered`, `undelivered`, `sent`). */
export type DeliveryStatus = "read" | "failed" | "delivered" | "undelivered" | "sent";

/** How one SMS of a message went to one participant. */
export interface DeliveryReceipt {
    participantSid: string | null;
    /** Null when Twilio has no status yet. */
    status: DeliveryStatus | null;
    /** Twilio's error code of a failed or undelivered SMS (e.g. 21610 opted out, 30034 unregistered sender). */
    errorCode: number | null;
}

/** A webhook to register on a conversation. */
export interface WebhookSpec {
    url: string;
    method: "POST";
    filters: string[];
}

/** A message to post to a conversation. */
export interface OutgoingMessage {
    author: string;
    body: string;
    /** JSON string. */
    attributes: string;
}

/** The Conversations calls Web2Text makes; every method is one REST round trip (or a paged list). */
export interface ConversationsApi {
    /** The conversation, or null when Twilio does not know it (404). */
    fetchConversation(sid: string): Promise<ConversationRecord | null>;
    updateConversation(
        sid: string,
        changes: { attributes?: string; state?: "active" | "inactive" | "closed" },
    ): Promise<ConversationRecord>;
    /** Every conversation (any state, any service) the address takes part in. */
    conversationsOf(address: string): Promise<AddressConversation[]>;
    listParticipants(sid: string): Promise<ParticipantRecord[]>;
    /** Adds a chat participant; one that is already there (error 50433) is not an error. */
    addChatParticipant(sid: string, identity: string): Promise<void>;
    listWebhooks(sid: string): Promise<WebhookRecord[]>;
    addWebhook(sid: string, webhook: WebhookSpec): Promise<void>;
    /** The conversation's messages, oldest first; none when Twilio no longer has the conversation. */
    listMessages(sid: string): Promise<ConversationMessage[]>;
    /** One message, or null when Twilio does not know it. */
    fetchMessage(sid: string, messageSid: string): Promise<ConversationMessage | null>;
    /** The delivery receipts of a message (one per SMS recipient). */
    listReceipts(sid: string, messageSid: string): Promise<DeliveryReceipt[]>;
    /** Posts a message; returns its sid. */
    sendMessage(sid: string, message: OutgoingMessage): Promise<string>;
}

/** What the RLM/DHQ message copy reads: a conversation's messages, oldest first. */
export type ConversationMessageSource = Pick<ConversationsApi, "listMessages">;
