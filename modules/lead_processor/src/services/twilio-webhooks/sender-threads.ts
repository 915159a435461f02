import { parseAttributes } from "../../clients/twilio/conversation-attributes";
import type { FoundConversation } from "../../clients/twilio/conversation-search";
import { customerThreadExpired, dealerThreadExpired } from "../../integrations/twilio/messages";

/** One of a texting number's Web2Text threads, as the incoming-message handler weighs it (JSON-safe). */
export interface SenderThread {
    sid: string;
    state: FoundConversation["state"];
    /** The pool number the sender talks through in this thread. */
    proxyAddress: string | null;
    leadIds: string[];
    storePhone: string | null;
    customerName: string | null;
    dealerName: string | null;
    dealerUrl: string | null;
}

/** Reads what the decisions need from a found conversation's attributes. */
export function toSenderThread(found: FoundConversation): SenderThread {
    const attrs = parseAttributes(found.attributes);
    return {
        sid: found.sid,
        state: found.state,
        proxyAddress: found.proxyAddress,
        leadIds: attrs.LeadIds,
        storePhone: attrs.StorePhoneNumber ?? null,
        customerName: attrs.CustomerName ?? null,
        dealerName: attrs.DealerName ?? null,
        dealerUrl: attrs.DealerURL ?? null,
    };
}

const isOpen = (thread: SenderThread) => thread.state === "active" || thread.state === "inactive";

/**
 * What a STOP does beyond recording the opt-out: the leads of every open thread in which the sender is not
 * the store are closed; a sender that is a thread's store is a dealer, whose leads stay open (it gets a
 * warning instead).
 */
export function stopPlan(
    sender: string,
    threads: readonly SenderThread[],
): { leadIds: string[]; senderIsStore: boolean } {
    const leadIds = new Set<string>();
    for (const thread of threads) {
        if (isOpen(thread) && thread.storePhone !== sender) for (const id of thread.leadIds) leadIds.add(id);
    }
    return { leadIds: [...leadIds], senderIsStore: threads.some((t) => t.storePhone === sender) };
}

/**
 * The reply to an ordinary text that reached the Messaging Service webhook (no open binding took it): when
 * the sender's thread through that pool number has closed, the dealer or customer "thread expired" text
 * (most recent thread first); nothing when a thread through it is still open or there is no history.
 */
export function expiredThreadReply(
    sender: string,
    poolNumber: string,
    threads: readonly SenderThread[],
): string | undefined {
    const through = threads.filter((t) => t.proxyAddress === poolNumber);
    if (through.length === 0 || through.some(isOpen)) return undefined;
    const [latest] = through;
    if (!latest) return undefined;
    if (latest.storePhone === sender) return dealerThreadExpired({ customerName: latest.customerName ?? undefined });
    return customerThreadExpired({
        dealerName: latest.dealerName ?? undefined,
        dealerUrl: latest.dealerUrl ?? undefined,
        storePhone: latest.storePhone ?? undefined,
    });
}
