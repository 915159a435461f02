import { attributesJson, parseAttributes, withLead, withoutLead } from "../../clients/twilio/conversation-attributes";
import type { ConversationRecord, ConversationsApi } from "../../clients/twilio/conversations.types";

type Api = Pick<ConversationsApi, "fetchConversation" | "updateConversation">;
type Changes = Parameters<ConversationsApi["updateConversation"]>[1];

/** Enough rounds for a write and its check, plus two lost races with concurrent writers. */
const MAX_ROUNDS = 4;

/**
 * Read-modify-write of a conversation's attributes that checks its own write: each round fetches the
 * conversation and asks `edit` what still has to change (undefined: nothing, done). A write lost to a
 * concurrent writer (another lead joining or leaving the same thread) is seen in the next round and redone.
 * Null when the conversation is gone.
 */
async function editUntilSettled(
    api: Api,
    sid: string,
    edit: (current: ConversationRecord) => Changes | undefined,
): Promise<ConversationRecord | null> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const current = await api.fetchConversation(sid);
        if (!current) return null;
        const changes = edit(current);
        if (!changes) return current;
        await api.updateConversation(sid, changes);
    }
    throw new Error(`Attributes of conversation ${sid} kept changing under concurrent updates; will retry`);
}

/** Adds the lead to the conversation's `LeadIds` and reactivates it if it is inactive. Safe to repeat. */
export async function joinConversation(api: Api, sid: string, leadId: string): Promise<ConversationRecord | null> {
    return editUntilSettled(api, sid, (current) => {
        if (current.state === "closed") return undefined;
        const attrs = parseAttributes(current.attributes);
        const reactivate = current.state === "inactive";
        if (attrs.LeadIds.includes(leadId) && !reactivate) return undefined;
        return { attributes: attributesJson(withLead(attrs, leadId)), ...(reactivate ? { state: "active" } : {}) };
    });
}

/** How leaving a conversation went. */
export type LeaveOutcome =
    | { kind: "gone" }
    | { kind: "closed" }
    /** Other leads still use the thread; it stays open. */
    | { kind: "shared"; state: ConversationRecord["state"]; remaining: number }
    /** This was the thread's last lead: it is to be closed. */
    | { kind: "last"; state: ConversationRecord["state"] };

/** Removes the lead from the conversation's `LeadIds` (always writing a JSON string). Safe to repeat. */
export async function leaveConversation(api: Api, sid: string, leadId: string): Promise<LeaveOutcome> {
    const settled = await editUntilSettled(api, sid, (current) => {
        if (current.state === "closed") return undefined;
        const attrs = parseAttributes(current.attributes);
        if (!attrs.LeadIds.includes(leadId)) return undefined;
        return { attributes: attributesJson(withoutLead(attrs, leadId)) };
    });
    if (!settled) return { kind: "gone" };
    if (settled.state === "closed") return { kind: "closed" };
    const remaining = parseAttributes(settled.attributes).LeadIds.length;
    return remaining === 0
        ? { kind: "last", state: settled.state }
        : { kind: "shared", state: settled.state, remaining };
}

/** Closes the conversation unless it is already closed or gone. Safe to repeat. */
export async function closeConversation(api: Api, sid: string): Promise<void> {
    const current = await api.fetchConversation(sid);
    if (!current || current.state === "closed") return;
    await api.updateConversation(sid, { state: "closed" });
}
