import type { ConversationState } from "common/twilio-proxy";
import type { ConversationsApi } from "../../clients/twilio/conversations.types";
import { CloseReasons } from "./messages";

/** What a sync learns about the lead's thread. */
export interface ConversationHealth {
    state: ConversationState;
    /** Participants with an SMS binding (chat identities such as `Broadlume` do not count). */
    smsParticipants: number;
}

/** The thread's state and SMS participant count, or null when Twilio no longer has it. */
export async function conversationHealth(
    api: Pick<ConversationsApi, "fetchConversation" | "listParticipants">,
    sid: string,
): Promise<ConversationHealth | null> {
    const conversation = await api.fetchConversation(sid);
    if (!conversation) return null;
    if (conversation.state === "closed") return { state: "closed", smsParticipants: 0 };
    const participants = await api.listParticipants(sid);
    return { state: conversation.state, smsParticipants: participants.filter((p) => p.address).length };
}

/** Why a synced lead must close now, or undefined to keep it open. */
export function syncCloseReason(health: ConversationHealth | null, customerOptedOut: boolean): string | undefined {
    if (!health || health.state === "closed") return CloseReasons.inactivity;
    if (health.smsParticipants <= 1) return CloseReasons.oneParticipantLeft;
    if (customerOptedOut) return CloseReasons.customerOptedOut;
    return undefined;
}
