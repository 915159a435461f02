import type { ConversationsApi, WebhookRecord, WebhookSpec } from "../../clients/twilio/conversations.types";
import { webhookUrl } from "../../clients/twilio/webhook-urls";

/** The two webhooks every Web2Text conversation carries: message events → sync, state changes → close. */
export function conversationWebhooks(publicIngressUrl: string): WebhookSpec[] {
    return [
        {
            url: webhookUrl(publicIngressUrl, "sync"),
            method: "POST",
            filters: ["onMessageAdded", "onMessageUpdated", "onMessageRemoved"],
        },
        { url: webhookUrl(publicIngressUrl, "close"), method: "POST", filters: ["onConversationStateUpdated"] },
    ];
}

/**
 * The wanted webhooks the conversation lacks, compared by URL (the old system skipped registration when the
 * conversation had any webhook at all — a quirk).
 */
export function missingWebhooks(existing: readonly WebhookRecord[], wanted: readonly WebhookSpec[]): WebhookSpec[] {
    const urls = new Set(existing.map((w) => w.url));
    return wanted.filter((w) => !urls.has(w.url));
}

/** Registers the missing webhooks; returns how many were added. Safe to repeat. */
export async function ensureWebhooks(
    api: Pick<ConversationsApi, "listWebhooks" | "addWebhook">,
    sid: string,
    wanted: readonly WebhookSpec[],
): Promise<number> {
    const missing = missingWebhooks(await api.listWebhooks(sid), wanted);
    for (const webhook of missing) await api.addWebhook(sid, webhook);
    return missing.length;
}
