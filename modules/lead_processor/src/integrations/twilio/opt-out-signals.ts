import { OPTED_OUT_ERROR, type OptOutKeyword } from "../../clients/twilio/opt-out-keywords";
import { liftOptOut, type OptOutStore, recordOptOut } from "../../db/opt-out-records";

/** A participant's latest opt-out or opt-in as the thread shows it. */
export interface OptOutSignal {
    /** The participant's phone. */
    address: string;
    /** The pool number it texts through in this thread (what the opt-out is recorded against). */
    poolNumber: string;
    keyword: OptOutKeyword;
    /** What showed it (ids, no text), kept with the recorded opt-out. */
    evidence: Record<string, string>;
}

/*
 * The evidence kept with a recorded opt-out (`OptOutRequest`): where it was seen and the Twilio ids that prove it,
 * never the message text or the webhook's body — the fact, its date (`DateOptedOut`) and the numbers (the item's
 * key and the map's key) are all that honouring a STOP needs.
 */

/** The evidence of a STOP on the Messaging Service's incoming-message webhook. */
export function inboundWebhookEvidence(messageSid: string | undefined): Record<string, string> {
    return { Source: "inbound-webhook", OptOutType: "STOP", ...(messageSid ? { MessageSid: messageSid } : {}) };
}

/** The evidence of a keyword texted into a thread: the keyword's kind, not the text. */
export function keywordEvidence(sid: string, messageSid: string, keyword: OptOutKeyword): Record<string, string> {
    return { Source: "conversation", ConversationSid: sid, MessageSid: messageSid, OptOutType: keyword };
}

/** The evidence of a send Twilio refused because the recipient opted out (error 21610). */
export function refusedSendEvidence(sid: string, messageSid: string): Record<string, string> {
    return {
        Source: "delivery-receipt",
        ConversationSid: sid,
        MessageSid: messageSid,
        ErrorCode: String(OPTED_OUT_ERROR),
    };
}

/**
 * Records what the thread showed through the same record logic as the inbound webhook: a STOP adds the
 * (phone, pool number) opt-out unless it is there, a START lifts that pair. Runs inside a journaled step (the
 * date is the step's), and is safe to repeat.
 */
export async function recordSignals(store: OptOutStore, signals: readonly OptOutSignal[]): Promise<void> {
    const at = new Date().toISOString();
    for (const signal of signals) {
        if (signal.keyword === "STOP") {
            await recordOptOut(store, signal.address, signal.poolNumber, {
                DateOptedOut: at,
                OptOutRequest: signal.evidence,
            });
        } else {
            await liftOptOut(store, signal.address, signal.poolNumber);
        }
    }
}
