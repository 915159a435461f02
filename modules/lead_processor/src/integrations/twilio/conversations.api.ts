/**
 * The Twilio Conversations calls the Web2Text integration and the Twilio webhooks make, as plain JSON-safe
 * records (so step results journal cleanly). `TwilioConversationsApi` implements it with the `twilio`
 * library; tests use an in-memory fake.
 */

/** Every state Twilio reports for a conversation. */
export type ConversationState = "initializing" | "active" | "inactive" | "closed";

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

/** A conversation message, with its attributes parsed (`{}` when they are not a JSON object). */
export interface MessageRecord {
    sid: string;
    author: string | null;
    attributes: Record<string, unknown>;
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
    listMessages(sid: string): Promise<MessageRecord[]>;
    /** Posts a message; returns its sid. */
    sendMessage(sid: string, message: OutgoingMessage): Promise<string>;
}
