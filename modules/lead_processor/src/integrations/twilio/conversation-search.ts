import type { ConversationRecord, ConversationState, ConversationsApi } from "./conversations.api";

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
export const ALL_STATES: readonly ConversationState[] = ["active", "inactive", "closed"];

/**
 * The conversations holding every one of `addresses`, in the wanted states, on our Messaging Service, most
 * recently updated first. Lists each address's conversations, intersects them, then fetches each candidate
 * (the listing does not say which Messaging Service a conversation belongs to).
 */
export async function findConversations(
    api: Pick<ConversationsApi, "conversationsOf" | "fetchConversation">,
    addresses: readonly string[],
    filter: SearchFilter,
): Promise<FoundConversation[]> {
    if (addresses.length === 0) return [];
    const listings = await Promise.all(addresses.map((address) => api.conversationsOf(address)));
    const [firstListing = [], ...otherListings] = listings;
    const shared = firstListing.filter(
        (row) =>
            filter.states.includes(row.state) &&
            otherListings.every((listing) => listing.some((other) => other.conversationSid === row.conversationSid)),
    );
    const unique = [...new Map(shared.map((row) => [row.conversationSid, row])).values()];
    const fetched = await Promise.all(
        unique.map(async (row) => {
            const conversation = await api.fetchConversation(row.conversationSid);
            return conversation ? { ...conversation, proxyAddress: row.proxyAddress } : undefined;
        }),
    );
    return fetched
        .filter((c): c is FoundConversation => c !== undefined)
        .filter((c) => filter.states.includes(c.state) && c.messagingServiceSid === filter.messagingServiceSid)
        .sort(byMostRecentUpdate);
}

function byMostRecentUpdate(a: ConversationRecord, b: ConversationRecord): number {
    return Date.parse(b.dateUpdated ?? "1970-01-01T00:00:00Z") - Date.parse(a.dateUpdated ?? "1970-01-01T00:00:00Z");
}
