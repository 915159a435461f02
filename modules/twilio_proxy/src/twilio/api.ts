/**
 * The narrow slice of the `twilio` helper library the proxy calls. The real client (`common/twilio`) is
 * assignable to it unchanged; tests pass an in-memory fake of the same shape.
 */

/** A conversation as the SDK returns it (`ConversationInstance`). */
export interface TwilioConversation {
    sid: string;
    accountSid?: string | null;
    chatServiceSid?: string | null;
    messagingServiceSid?: string | null;
    friendlyName: string | null;
    uniqueName: string | null;
    attributes: string | null;
    state: string;
    /** Raw `{date_inactive, date_closed}` object (the SDK does not camel-case it). */
    timers?: unknown;
    dateCreated: Date | null;
    dateUpdated?: Date | null;
    url?: string | null;
}

/** A participant (`ParticipantInstance`); `messagingBinding` is the raw snake_case object. */
export interface TwilioParticipant {
    sid: string;
    messagingBinding: unknown;
}

/** One of an address's conversations (`ParticipantConversationInstance`). */
export interface TwilioParticipantConversation {
    conversationSid: string;
    conversationState: string;
    /** Raw `{type, address, proxy_address}` object. */
    participantMessagingBinding: unknown;
}

/** A number attached to a Messaging Service (`PhoneNumberInstance`). */
export interface TwilioServiceNumber {
    phoneNumber: string;
}

export interface ConversationCreateParams {
    friendlyName?: string;
    uniqueName?: string;
    attributes?: string;
    messagingServiceSid?: string;
    state?: "active" | "inactive" | "closed";
    "timers.inactive"?: string;
    "timers.closed"?: string;
}

export interface ParticipantCreateParams {
    "messagingBinding.address": string;
    "messagingBinding.proxyAddress": string;
}

/** `client.conversations.v1.conversations(sidOrUniqueName)`. */
export interface ConversationHandle {
    fetch(): Promise<TwilioConversation>;
    remove(): Promise<boolean>;
    participants: {
        create(params: ParticipantCreateParams): Promise<TwilioParticipant>;
        list(): Promise<TwilioParticipant[]>;
    };
}

/** `client.conversations.v1.conversations`: callable with a SID or unique name, plus `create`. */
export interface ConversationsResource {
    (sidOrUniqueName: string): ConversationHandle;
    create(params: ConversationCreateParams): Promise<TwilioConversation>;
}

export interface TwilioApi {
    conversations: {
        v1: {
            conversations: ConversationsResource;
            participantConversations: {
                list(params: { address: string; pageSize?: number }): Promise<TwilioParticipantConversation[]>;
            };
        };
    };
    messaging: {
        v1: {
            services(serviceSid: string): {
                phoneNumbers: { list(): Promise<TwilioServiceNumber[]> };
            };
        };
    };
}
