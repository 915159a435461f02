import type { ConversationMessage, ConversationMessageSource } from "../../clients/twilio/conversations.types";
import type { IntegrationState } from "../../lead/lead-schemas";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import { syncedBotpressRow } from "../botpress/botpress.data";
import type { IntegrationContext } from "../integration";
import { conversationToCopy } from "../twilio/twilio.data";
import { idempotencyKeys } from "./idempotency-key";
import { errorState, journaledClock, syncedState } from "./integration-states";
import { type ChatbotSummary, chatbotSummary, isPhoneAuthor, senderName } from "./message-text";
import { type StepOutcome, tryStep } from "./try-step";

/** How far the copy got: kept in the integration's `Data` and saved after every pass. */
export interface CopyProgress {
    SyncedMessageIds: string[];
    SentBotpressSummary?: boolean | undefined;
}

/** Where the conversation is copied to: RLM notes or DealerHQ comments. */
export interface CopyTarget {
    /** Integration name, used in step names and messages (`RLM`, `DHQ`). */
    vendor: string;
    /** What a failure names, e.g. "RLM note endpoint". */
    endpoint: string;
    /** What one copied message is called at the vendor ("note", "comment"). */
    item: string;
    /** Posts the summary; `idempotencyKey` goes to the vendor as `Idempotency-Key`. */
    postSummary(summary: ChatbotSummary, idempotencyKey: string): Promise<void>;
    /** Posts one message; `idempotencyKey` goes to the vendor as `Idempotency-Key`. */
    postMessage(message: ConversationMessage, sender: string, idempotencyKey: string): Promise<void>;
}

/**
 * The one message-copy mechanism of RLM and DHQ, run by every sync and once more when the lead closes (so
 * messages that arrived after the last sync are copied before the lead is CLOSED). Posts the Botpress chatbot summary once (when Botpress is
 * SYNCED with a row), then every conversation message not yet in `SyncedMessageIds` whose author is a phone
 * number, oldest first, each in its own journaled step named with the message sid. Stops at the first
 * failure with an ERROR that keeps `LastSynced` and the ids copied so far, so the next sync goes on from
 * there. The journal keeps a posted message from being posted again once its step completed; the one window
 * it cannot close — the vendor stored the post but the process died (or the answer was lost) before the step
 * was journaled, so the step runs again — is closed by the per-message `Idempotency-Key`
 * (`<LeadId>:<vendor>:<MessageSid>`) where the vendor honours it, and stays at-least-once where it does not.
 * `state` is the state before this pass (for `LastSynced`); `progress` is its parsed `Data`.
 */
export async function copyConversation<D extends CopyProgress>(
    state: IntegrationState,
    progress: D,
    ic: IntegrationContext<Web2TextSubmittedLead>,
    target: CopyTarget,
    messages: ConversationMessageSource,
): Promise<IntegrationState> {
    const now = journaledClock(ic.ctx);
    const conversation = conversationToCopy(ic.integrations.Twilio, ic.operation);
    if (!conversation) return syncedState(progress, await now());
    if ("problem" in conversation) return errorState(state, conversation.problem, await now(), undefined, progress);

    let data: D = progress;
    const row = syncedBotpressRow(ic.integrations.Botpress);
    if (row && !data.SentBotpressSummary) {
        const posted = await tryStep(ic.ctx, `Post Botpress summary to ${target.vendor}`, () =>
            target.postSummary(chatbotSummary(row), idempotencyKeys.botpressSummary(ic.lead.LeadId, target.vendor)),
        );
        if (!posted.ok) {
            const message = `Error with ${target.endpoint} posting the Botpress summary`;
            return errorState(state, message, await now(), posted.details, data);
        }
        data = { ...data, SentBotpressSummary: true };
    }

    const listed = await passMessages(ic, conversation.sid, messages);
    if (!listed.ok) {
        const message = `Error listing the messages of Twilio conversation '${conversation.sid}'`;
        return errorState(state, message, await now(), listed.details, data);
    }

    const names = { customerPhone: ic.lead.Lead.PhoneNumber, customerName: ic.lead.Lead.Name };
    const synced = new Set(data.SyncedMessageIds);
    let at = listed.at;
    for (const message of listed.value) {
        if (synced.has(message.sid) || !isPhoneAuthor(message)) continue;
        const posted = await tryStep(ic.ctx, `Post ${target.vendor} ${target.item} for message ${message.sid}`, () =>
            target.postMessage(
                message,
                senderName(message, names),
                idempotencyKeys.message(ic.lead.LeadId, target.vendor, message.sid),
            ),
        );
        if (!posted.ok) {
            const text = `Error with ${target.endpoint} syncing message '${message.sid}'`;
            return errorState(state, text, await now(), posted.details, data);
        }
        synced.add(message.sid);
        data = { ...data, SyncedMessageIds: [...data.SyncedMessageIds, message.sid] };
        at = posted.at;
    }
    return syncedState(data, at);
}

/**
 * The conversation's messages for this pass, with when they were read: listed once (a journaled step) and
 * shared by RLM and DHQ, or as the Twilio integration read them earlier in the same pass.
 */
async function passMessages(
    ic: IntegrationContext<Web2TextSubmittedLead>,
    sid: string,
    messages: ConversationMessageSource,
): Promise<StepOutcome<ConversationMessage[]>> {
    const seen = ic.shared.messages.get(sid);
    if (seen) return { ok: true, value: seen.messages, at: seen.at };
    const listed = await tryStep(ic.ctx, "List conversation messages", () => messages.listMessages(sid));
    if (listed.ok) ic.shared.messages.set(sid, { messages: listed.value, at: listed.at });
    return listed;
}
