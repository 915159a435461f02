import { setTimeout as delay } from "node:timers/promises";
import type { ConversationsApi, DeliveryReceipt, DeliveryStatus } from "../../clients/twilio/conversations.types";

/** How the dealer's close notice was delivered, as kept in the Twilio integration's `Data.CloseNotice`. */
export interface CloseNoticeDelivery {
    MessageSid: string;
    /** The receipt's final status; `sent` or `unknown` when none was final within the re-reads. */
    Delivery: DeliveryStatus | "unknown";
    /** Twilio's error code of a failed delivery (21610 the dealer opted out, 30034 unregistered sender, …). */
    ErrorCode: number | null;
    /** Who did not get it (phone and pool number), when the delivery failed. */
    Recipient?: { Address: string; PoolNumber: string } | undefined;
}

/** How often and how far apart the receipts are re-read (the system this replaces: about 10 reads, 1 s apart). */
export interface DeliveryPolling {
    reads: number;
    intervalMs: number;
}

export const CLOSE_NOTICE_POLLING: DeliveryPolling = { reads: 10, intervalMs: 1000 };

const FINAL: ReadonlySet<DeliveryStatus> = new Set(["delivered", "read", "failed", "undelivered"]);
const FAILED: ReadonlySet<DeliveryStatus> = new Set(["failed", "undelivered"]);

/** The outcome the receipts show: a failure as soon as one failed, delivered once all are; else not yet. */
function outcome(receipts: readonly DeliveryReceipt[]): DeliveryReceipt | undefined {
    const failed = receipts.find((r) => r.status !== null && FAILED.has(r.status));
    if (failed) return failed;
    const final = receipts.length > 0 && receipts.every((r) => r.status !== null && FINAL.has(r.status));
    return final ? receipts[0] : undefined;
}

/**
 * Re-reads a message's delivery receipts until they are final, at most `polling.reads` times, `intervalMs`
 * apart; bounded, so a close never waits more than about ten seconds for Twilio. A failed delivery names its
 * recipient (from the conversation's participants), so a 21610 can be recorded as that number's opt-out.
 */
export async function checkDelivery(
    api: Pick<ConversationsApi, "listReceipts" | "listParticipants">,
    sid: string,
    messageSid: string,
    polling: DeliveryPolling,
    sleep: (ms: number) => Promise<unknown> = (ms) => delay(ms),
): Promise<CloseNoticeDelivery> {
    let last: DeliveryReceipt | undefined;
    for (let read = 1; read <= polling.reads; read += 1) {
        const receipts = await api.listReceipts(sid, messageSid);
        last = receipts[0] ?? last;
        const done = outcome(receipts);
        if (done) {
            const failed = done.status !== null && FAILED.has(done.status);
            return {
                MessageSid: messageSid,
                Delivery: done.status ?? "unknown",
                ErrorCode: done.errorCode,
                ...(failed ? { Recipient: await recipient(api, sid, done.participantSid) } : {}),
            };
        }
        if (read < polling.reads) await sleep(polling.intervalMs);
    }
    return { MessageSid: messageSid, Delivery: last?.status ?? "unknown", ErrorCode: null };
}

async function recipient(
    api: Pick<ConversationsApi, "listParticipants">,
    sid: string,
    participantSid: string | null,
): Promise<CloseNoticeDelivery["Recipient"]> {
    const found = (await api.listParticipants(sid)).find((p) => p.sid === participantSid);
    return found?.address && found.proxyAddress
        ? { Address: found.address, PoolNumber: found.proxyAddress }
        : undefined;
}
