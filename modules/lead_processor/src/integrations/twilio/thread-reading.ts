import type { ConversationState } from "common/twilio-proxy";
import { isSystemMessage } from "../../clients/twilio/conversation-messages";
import type {
    ConversationMessage,
    ConversationsApi,
    ParticipantRecord,
} from "../../clients/twilio/conversations.types";
import { OPTED_OUT_ERROR, optOutKeyword } from "../../clients/twilio/opt-out-keywords";
import { keywordEvidence, type OptOutSignal, refusedSendEvidence } from "./opt-out-signals";

type Api = Pick<ConversationsApi, "fetchConversation" | "listParticipants" | "listMessages" | "listReceipts">;

/** What a sync learns about the lead's thread. */
export interface ThreadReading {
    state: ConversationState;
    /** Participants with an SMS binding (chat identities such as `Broadlume` do not count). */
    smsParticipants: number;
    /** At most one per SMS participant: its latest opt-out keyword, or a 21610 on the latest text sent to it. */
    signals: OptOutSignal[];
    /** The thread's messages, oldest first (RLM and DHQ copy from them in the same pass). */
    messages: ConversationMessage[];
}

/**
 * Reads the thread for a sync or a reconcile: its state, its SMS participants and each participant's latest
 * opt-out signal — a single-word keyword it texted into the thread (STOP, START and their synonyms), or a send
 * to it refused with 21610 (it opted out somewhere else on the Messaging Service). Only the latest message sent
 * to a participant has its receipts read, and only when Twilio's delivery summary shows a failure. Null when
 * Twilio no longer has the conversation.
 */
export async function readThread(api: Api, sid: string): Promise<ThreadReading | null> {
    const conversation = await api.fetchConversation(sid);
    if (!conversation) return null;
    const [participants, messages] = await Promise.all([api.listParticipants(sid), api.listMessages(sid)]);
    const sms = participants.filter((p): p is SmsParticipant => p.address !== null && p.proxyAddress !== null);
    const signals: OptOutSignal[] = [];
    for (const participant of sms) {
        const signal = await latestSignal(api, sid, participant, messages);
        if (signal) signals.push(signal);
    }
    return { state: conversation.state, smsParticipants: sms.length, signals, messages };
}

type SmsParticipant = ParticipantRecord & { address: string; proxyAddress: string };

/** The later of the participant's last keyword and a 21610 on the last message sent to it. */
async function latestSignal(
    api: Pick<ConversationsApi, "listReceipts">,
    sid: string,
    participant: SmsParticipant,
    messages: readonly ConversationMessage[],
): Promise<OptOutSignal | undefined> {
    const base = { address: participant.address, poolNumber: participant.proxyAddress };
    const keywordAt = messages.findLastIndex(
        (m) => m.author === participant.address && !isSystemMessage(m) && optOutKeyword(m.body) !== undefined,
    );
    const sentAt = messages.findLastIndex((m) => m.author !== participant.address);
    const sent = messages[sentAt];
    if (sent?.deliveryFailed && sentAt > keywordAt) {
        const receipts = await api.listReceipts(sid, sent.sid);
        const refused = receipts.some((r) => r.participantSid === participant.sid && r.errorCode === OPTED_OUT_ERROR);
        if (refused) return { ...base, keyword: "STOP", evidence: refusedSendEvidence(sid, sent.sid) };
    }
    const texted = messages[keywordAt];
    const keyword = optOutKeyword(texted?.body ?? null);
    if (!texted || !keyword) return undefined;
    return { ...base, keyword, evidence: keywordEvidence(sid, texted.sid, keyword) };
}
