import type { ConversationState } from "common/twilio-proxy";
import type { ConversationRecord, ConversationsApi } from "./conversations.types";

/** Which conversations a search keeps. */
export interface SearchFilter {
    states: readonly ConversationState[];
    /** Only conversations of our Messaging Service count (others may share the numbers). */
    messagingServiceSid: string;
}

/** A conversation found for a set of addresses. */
export interface FoundConversation extends ConversationRecord {
    /** The pool number the first searched address talks through in it. */
    proxyAddress: string | null;
}

/** Open means active or inactive: the states in which Twilio still relays texts. */
export const OPEN_STATES: readonly ConversationState[] = ["active", "inactive"];
/** Every state a thread can be in once created. */
export const ALL_STATES: readonly ConversationState[] = ["active", "inactive", "closed"];

/**
 * The conversations holding every one of `addresses`, in the wanted states, on our Messaging Service, most
 * recently updated first. Only the first address's conversations are listed (pass the customer first: a
 * store's number has taken part in far more threads); each candidate is fetched with its participants (the
 * listing says neither which Messaging Service a conversation belongs to nor who else is in it).
 */
export async function findConversations(
    api: Pick<ConversationsApi, "conversationsOf" | "fetchConversation" | "listParticipants">,
    addresses: readonly string[],
    filter: SearchFilter,
): Promise<FoundConversation[]> {
    const [first, ...others] = addresses;
    if (first === undefined) return [];
    const rows = (await api.conversationsOf(first)).filter((row) => filter.states.includes(row.state));
    const candidates = [...new Map(rows.map((row) => [row.conversationSid, row])).values()];
    const found = await Promise.all(
        candidates.map(async (row): Promise<FoundConversation[]> => {
            const conversation = await api.fetchConversation(row.conversationSid);
            if (!conversation || !filter.states.includes(conversation.state)) return [];
            if (conversation.messagingServiceSid !== filter.messagingServiceSid) return [];
            if (others.length > 0) {
                const present = new Set((await api.listParticipants(row.conversationSid)).map((p) => p.address));
                if (!others.every((address) => present.has(address))) return [];
            }
            return [{ ...conversation, proxyAddress: row.proxyAddress }];
        }),
    );
    return found.flat().sort(byMostRecentUpdate);
}

function byMostRecentUpdate(a: ConversationRecord, b: ConversationRecord): number {
    return Date.parse(b.dateUpdated ?? "1970-01-01T00:00:00Z") - Date.parse(a.dateUpdated ?? "1970-01-01T00:00:00Z");
}
