import { ConversationState, type SessionParticipant, type SessionResponse } from "common/twilio-proxy";
import type { TwilioConversation } from "../twilio/api";

function toIso(value: unknown): string | null {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    return typeof value === "string" && value !== "" ? value : null;
}

function readTimers(raw: unknown): SessionResponse["timers"] {
    const get = (key: string) => (raw && typeof raw === "object" ? toIso(Reflect.get(raw, key)) : null);
    return {
        dateInactive: get("date_inactive") ?? get("dateInactive"),
        dateClosed: get("date_closed") ?? get("dateClosed"),
    };
}

/** The `POST /sessions` answer: Twilio's conversation in camelCase with ISO dates, plus its participants. */
export function toSessionResponse(
    conversation: TwilioConversation,
    participants: SessionParticipant[],
    created: boolean,
): SessionResponse {
    const state = ConversationState.safeParse(conversation.state);
    return {
        sid: conversation.sid,
        accountSid: conversation.accountSid ?? null,
        chatServiceSid: conversation.chatServiceSid ?? null,
        messagingServiceSid: conversation.messagingServiceSid ?? null,
        friendlyName: conversation.friendlyName ?? null,
        uniqueName: conversation.uniqueName ?? null,
        attributes: conversation.attributes ?? "{}",
        state: state.success ? state.data : "active",
        timers: readTimers(conversation.timers),
        dateCreated: toIso(conversation.dateCreated),
        dateUpdated: toIso(conversation.dateUpdated),
        url: conversation.url ?? null,
        participants,
        created,
    };
}
