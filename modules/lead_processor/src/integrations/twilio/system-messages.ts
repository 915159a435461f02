import { isSystemMessage, SYSTEM_MESSAGE_MARK } from "../../clients/twilio/conversation-messages";
import type { ConversationMessage, ConversationsApi } from "../../clients/twilio/conversations.types";

/** The product's own messages; each is sent at most once per lead (the close notice once per thread). */
export type SystemMessageKind = "DealerGreeting" | "CustomerGreeting" | "DealerClose";

/** A system message to post. The author decides who receives it: every SMS participant but the author. */
export interface SystemMessage {
    kind: SystemMessageKind;
    leadId: string;
    author: string;
    body: string;
}

/** The message attributes that mark a system message and make it findable again. */
export function systemMessageAttributes(kind: SystemMessageKind, leadId: string) {
    return { ...SYSTEM_MESSAGE_MARK, LeadId: leadId, Kind: kind };
}

/** Whether a message is the system message `kind` (for `leadId`, when given). */
export function isSystemMessageOf(message: ConversationMessage, kind: SystemMessageKind, leadId?: string): boolean {
    const { Kind, LeadId } = message.attributes;
    return isSystemMessage(message) && Kind === kind && (leadId === undefined || LeadId === leadId);
}

/**
 * Posts a system message unless the conversation already holds it: greetings are looked up per lead, the
 * close notice per thread. A step retried after Twilio took the message (but before the journal recorded
 * it) therefore finds it instead of sending a duplicate. Returns the message sid and whether it was sent now.
 */
export async function sendOnce(
    api: Pick<ConversationsApi, "listMessages" | "sendMessage">,
    sid: string,
    message: SystemMessage,
): Promise<{ messageSid: string; sent: boolean }> {
    const perThread = message.kind === "DealerClose";
    const existing = (await api.listMessages(sid)).find((m) =>
        isSystemMessageOf(m, message.kind, perThread ? undefined : message.leadId),
    );
    if (existing) return { messageSid: existing.sid, sent: false };
    const messageSid = await api.sendMessage(sid, {
        author: message.author,
        body: message.body,
        attributes: JSON.stringify(systemMessageAttributes(message.kind, message.leadId)),
    });
    return { messageSid, sent: true };
}
