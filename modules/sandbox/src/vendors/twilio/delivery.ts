import type { TwilioSandbox } from "./context";
import { type Conversation, type Message, newSid, type Receipt } from "./store";

/** How long a receipt stays `sent` before it turns `delivered`. */
const DELIVERY_DELAY_MS = 150;

/** Twilio error code for a recipient who opted out (texted STOP) of the sending number. */
export const OPTED_OUT_ERROR = 21610;

/**
 * Sends a conversation message by SMS the way Conversations does: to every SMS participant except the one
 * whose address is the author, each from their own proxy (pool) number. A recipient who opted out of that
 * pool number gets nothing and the receipt is `undelivered` with error 21610.
 */
export function deliverMessage(sb: TwilioSandbox, c: Conversation, m: Message): void {
    for (const p of c.participants) {
        if (!p.address || !p.proxyAddress || p.address === m.author) continue;
        const now = new Date();
        const blocked = sb.store.isOptedOut(p.address, p.proxyAddress);
        const receipt: Receipt = {
            sid: newSid("DY"),
            conversationSid: c.sid,
            messageSid: m.sid,
            participantSid: p.sid,
            channelMessageSid: newSid("SM"),
            status: blocked ? "undelivered" : "sent",
            errorCode: blocked ? OPTED_OUT_ERROR : null,
            dateCreated: now,
            dateUpdated: now,
        };
        m.receipts.push(receipt);
        if (blocked) continue;
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
