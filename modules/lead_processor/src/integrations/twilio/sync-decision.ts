import { CloseReasons } from "./messages";
import type { ThreadReading } from "./thread-reading";

/** How a sync knows the customer opted out: a STOP (or 21610) in this thread, or the opted-out numbers. */
export type CustomerOptOut = "in-thread" | "recorded" | undefined;

/**
 * Why a synced lead must close now, or undefined to keep it open. An opt-out seen in the thread comes first (it
 * says more than the thread closing after it); then a thread that is gone or closed, one SMS participant left,
 * and last a customer listed in the opted-out numbers (opted out through another thread or number).
 */
export function syncCloseReason(thread: ThreadReading | null, customerOptOut: CustomerOptOut): string | undefined {
    if (customerOptOut === "in-thread") return CloseReasons.participantOptedOut;
    if (!thread || thread.state === "closed") return CloseReasons.inactivity;
    if (thread.smsParticipants <= 1) return CloseReasons.oneParticipantLeft;
    if (customerOptOut === "recorded") return CloseReasons.customerOptedOut;
    return undefined;
}
