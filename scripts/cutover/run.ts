import { describeError } from "../lib/cli";
import { type ConversationPlan, hasChanges, planConversation, type Target } from "./plan";
import type { CutoverTwilio, OpenConversation } from "./twilio-account";

/** What happened to one conversation. */
export interface ConversationOutcome {
    plan?: ConversationPlan;
    conversation: OpenConversation;
    /** The changes were made (false in a dry run, or when there was nothing to change). */
    applied: boolean;
    /** Why the conversation could not be handled; running again retries it. */
    error?: string;
}

export interface CutoverReport {
    apply: boolean;
    inbound: { from: string | null; to: string; applied: boolean };
    outcomes: ConversationOutcome[];
}

export interface CutoverOptions {
    apply: boolean;
    /** Conversations handled at once (default 4). */
    concurrency?: number;
    onProgress?: (done: number, total: number) => void;
}

/**
 * Moves the open threads of our Messaging Service to this deployment: the Messaging Service's inbound webhook,
 * then each open conversation's webhooks (ours added first, so no event falls between the two systems, then
 * the old ones removed). Everything is recomputed from Twilio, so a run that stopped half-way is simply run
 * again, and a second run changes nothing. Without `apply` it only reports what it would change.
 */
export async function runCutover(
    twilio: CutoverTwilio,
    target: Target,
    options: CutoverOptions,
): Promise<CutoverReport> {
    const from = await twilio.inboundRequestUrl();
    const inboundChanges = from !== target.inboundRequestUrl;
    if (options.apply && inboundChanges) await twilio.setInboundRequestUrl(target.inboundRequestUrl);

    const open = await twilio.openConversations();
    const outcomes: ConversationOutcome[] = new Array(open.length);
    let next = 0;
    let done = 0;
    options.onProgress?.(0, open.length);
    const worker = async () => {
        for (let i = next++; i < open.length; i = next++) {
            const conversation = open[i];
            if (!conversation) continue;
            outcomes[i] = await moveConversation(twilio, conversation, target, options.apply);
            options.onProgress?.(++done, open.length);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    return {
        apply: options.apply,
        inbound: { from, to: target.inboundRequestUrl, applied: options.apply && inboundChanges },
        outcomes,
    };
}

async function moveConversation(
    twilio: CutoverTwilio,
    conversation: OpenConversation,
    target: Target,
    apply: boolean,
): Promise<ConversationOutcome> {
    let plan: ConversationPlan | undefined;
    try {
        plan = planConversation(conversation, await twilio.listWebhooks(conversation.sid), target.conversationWebhooks);
        if (!apply || !hasChanges(plan)) return { plan, conversation, applied: false };
        for (const webhook of plan.add) await twilio.addWebhook(conversation.sid, webhook);
        for (const webhook of plan.remove) await twilio.removeWebhook(conversation.sid, webhook.sid);
        return { plan, conversation, applied: true };
    } catch (error) {
        return { ...(plan ? { plan } : {}), conversation, applied: false, error: describeError(error) };
    }
}
