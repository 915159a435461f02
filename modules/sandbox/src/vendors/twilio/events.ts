/**
 * Form parameters of the Conversations post-event webhooks, as Twilio's "Conversations Webhooks" page lists
 * them (PascalCase keys; absent values are left out rather than sent empty). `RetryCount` is added per attempt
 * by the dispatcher.
 */
import type { TwilioSandbox } from "./context";
import type { Conversation, ConversationState, Message, Participant } from "./store";
import { ROLE_SID, twilioDate } from "./wire";

/** Why a conversation changed state, as `onConversationStateUpdated` reports it. */
export type StateChangeReason = "API" | "TIMER" | "EVENT";

function compact(params: Record<string, string | null | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) out[key] = value;
    return out;
}

function base(sb: TwilioSandbox, c: Conversation, eventType: string) {
    return {
        EventType: eventType,
        AccountSid: sb.wire.accountSid,
        ChatServiceSid: sb.wire.chatServiceSid,
        MessagingServiceSid: c.messagingServiceSid,
        ConversationSid: c.sid,
    };
}

/** `onMessageAdded` / `onMessageUpdated` / `onMessageRemoved`. */
export function messageEvent(
    sb: TwilioSandbox,
    c: Conversation,
    m: Message,
    eventType: "onMessageAdded" | "onMessageUpdated" | "onMessageRemoved",
): Record<string, string> {
    return compact({
        ...base(sb, c, eventType),
        MessageSid: m.sid,
        Index: String(m.index),
        Author: m.author,
        Body: m.body,
        Attributes: m.attributes,
        ParticipantSid: m.participantSid,
        Source: m.source,
        DateCreated: twilioDate(m.dateCreated),
        DateUpdated: eventType === "onMessageUpdated" ? twilioDate(m.dateUpdated) : undefined,
        DateRemoved: eventType === "onMessageRemoved" ? twilioDate(new Date()) : undefined,
        Media: m.media
            ? JSON.stringify(
                  m.media.map((item) => ({
                      Sid: item.sid,
                      Filename: item.filename,
                      ContentType: item.contentType,
                      Size: item.size,
                  })),
              )
            : undefined,
    });
}

/**
 * `onConversationStateUpdated`: `StateFrom`, `StateTo`, `Reason`, `StateUpdated`, and the conversation and
 * service SIDs. Twilio's payload carries no `Attributes`, names or dates of the conversation (Conversations
 * Webhooks page; the Event Streams `ConversationStateUpdated` schema agrees): a receiver that needs them reads
 * the conversation.
 */
export function stateEvent(
    sb: TwilioSandbox,
    c: Conversation,
    from: ConversationState,
    reason: StateChangeReason,
): Record<string, string> {
    return compact({
        ...base(sb, c, "onConversationStateUpdated"),
        StateFrom: from,
        StateTo: c.state,
        Reason: reason,
        StateUpdated: twilioDate(c.dateUpdated),
    });
}

/** `onConversationUpdated` / `onConversationRemoved`. */
export function conversationEvent(
    sb: TwilioSandbox,
    c: Conversation,
    eventType: "onConversationUpdated" | "onConversationRemoved",
): Record<string, string> {
    return compact({
        ...base(sb, c, eventType),
        FriendlyName: c.friendlyName,
        UniqueName: c.uniqueName,
        Attributes: c.attributes,
        State: c.state,
        Source: "API",
        DateCreated: twilioDate(c.dateCreated),
        DateUpdated: twilioDate(c.dateUpdated),
    });
}

/** `onParticipantAdded` / `onParticipantRemoved`. */
export function participantEvent(
    sb: TwilioSandbox,
    c: Conversation,
    p: Participant,
    eventType: "onParticipantAdded" | "onParticipantRemoved",
): Record<string, string> {
    return compact({
        ...base(sb, c, eventType),
        ParticipantSid: p.sid,
        Identity: p.identity,
        RoleSid: ROLE_SID,
        "MessagingBinding.Type": p.address ? "sms" : undefined,
        "MessagingBinding.Address": p.address,
        "MessagingBinding.ProxyAddress": p.proxyAddress,
        Attributes: p.attributes,
        Source: "API",
        DateCreated: twilioDate(p.dateCreated),
    });
}
