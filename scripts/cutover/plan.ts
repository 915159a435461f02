import {
    conversationWebhooks,
    missingWebhooks,
    type WebhookRecord,
    type WebhookSpec,
    webhookUrl,
} from "lead-processor";
import type { OpenConversation } from "./twilio-account";

/** The handlers a conversation webhook of this product (or of the system it replaces) calls. */
const HANDLER_PATH = /\/TwilioWebhooks\/(sync|close)$/;

/** What the cutover wants everywhere: the webhooks a new lead's conversation gets, and the inbound webhook. */
export interface Target {
    conversationWebhooks: WebhookSpec[];
    inboundRequestUrl: string;
}

export function targetOf(publicIngressUrl: string): Target {
    return {
        conversationWebhooks: conversationWebhooks(publicIngressUrl),
        inboundRequestUrl: webhookUrl(publicIngressUrl, "onIncomingMessage"),
    };
}

/** One conversation's changes: ours that are missing, and the old system's that point elsewhere. */
export interface ConversationPlan {
    conversation: OpenConversation;
    add: WebhookSpec[];
    remove: WebhookRecord[];
}

/**
 * A webhook for our handler paths (`…/TwilioWebhooks/sync|close`) that is not one of ours: the old deployment's
 * (another host). Webhooks for anything else belong to someone else and are left alone.
 */
export function isStaleHandlerWebhook(webhook: WebhookRecord, wanted: readonly WebhookSpec[]): boolean {
    if (!webhook.url || wanted.some((w) => w.url === webhook.url) || !URL.canParse(webhook.url)) return false;
    return HANDLER_PATH.test(new URL(webhook.url).pathname);
}

export function planConversation(
    conversation: OpenConversation,
    existing: readonly WebhookRecord[],
    wanted: readonly WebhookSpec[],
): ConversationPlan {
    return {
        conversation,
        add: missingWebhooks(existing, wanted),
        remove: existing.filter((webhook) => isStaleHandlerWebhook(webhook, wanted)),
    };
}

export const hasChanges = (plan: ConversationPlan) => plan.add.length + plan.remove.length > 0;
