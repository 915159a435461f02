import { DELIVERY_FAILURE } from "../../core/faults";
import type { TwilioSandbox } from "./context";
import { OPTED_OUT } from "./errors";
import { type Conversation, type Message, newSid, type Receipt } from "./store";

/** How long a delivery stays `sent` before it turns `delivered`. */
export const DELIVERY_DELAY_MS = 150;

/** Why an SMS did not reach a phone: the receipt's status and Twilio error code. */
export interface DeliveryFailure {
    status: "failed" | "undelivered";
    errorCode: number;
}

/**
 * The failure of the next SMS delivery, if a `twilio-delivery` fault is active (e.g. error 30034, sending
 * number not registered for A2P 10DLC); each delivery to one phone uses one call of the fault.
 */
export function injectedFailure(sb: TwilioSandbox): DeliveryFailure | undefined {
    const fault = sb.faults.take(DELIVERY_FAILURE);
    if (fault?.errorCode === undefined) return undefined;
    return { status: fault.receiptStatus ?? "undelivered", errorCode: fault.errorCode };
}

/**
 * Sends a conversation message by SMS the way Conversations does: to every SMS participant except the one
 * whose address is the author, each from their own proxy (pool) number. A recipient who opted out (see
 * `optOutScope`) gets nothing and the receipt is `failed` with error 21610; an injected delivery failure
 * gives its own status and code. Other receipts are `sent`, then `delivered`.
 */
export function deliverMessage(sb: TwilioSandbox, c: Conversation, m: Message): void {
    for (const p of c.participants) {
        if (!p.address || !p.proxyAddress || p.address === m.author) continue;
        const now = new Date();
        const failure: DeliveryFailure | undefined = sb.store.isOptedOut(p.address, p.proxyAddress)
            ? { status: "failed", errorCode: OPTED_OUT }
            : injectedFailure(sb);
        const receipt: Receipt = {
            sid: newSid("DY"),
            conversationSid: c.sid,
            messageSid: m.sid,
            participantSid: p.sid,
            channelMessageSid: newSid("SM"),
            status: failure?.status ?? "sent",
            errorCode: failure?.errorCode ?? null,
            dateCreated: now,
            dateUpdated: now,
        };
        m.receipts.push(receipt);
        if (failure) continue;
        sb.store.logPhone(p.address, {
            direction: "received",
            from: p.proxyAddress,
            to: p.address,
            body: m.body ?? "",
            at: now.toISOString(),
            conversationSid: c.sid,
            messageSid: m.sid,
            ...(m.media ? { media: m.media.map((item) => item.filename) } : {}),
        });
        sb.background.after(DELIVERY_DELAY_MS, () => {
            receipt.status = "delivered";
            receipt.dateUpdated = new Date();
        });
    }
}
