import type { Background } from "./background";
import type { SignedSender } from "./outbound";
import type { Conversation, ConversationWebhook } from "./store";

/** Retry and timeout policy for conversation webhooks. */
export interface WebhookPolicy {
    /** Waits before each retry; its length is the number of retries. */
    retryDelaysMs: number[];
    timeoutMs: number;
}

/** Three retries after 0.25, 1 and 3 s; Twilio-like timeout, lenient for a local stack. */
export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = { retryDelaysMs: [250, 1000, 3000], timeoutMs: 10_000 };

/**
 * Posts conversation-scoped webhooks (post-event) like Twilio: to every webhook of the conversation whose
 * filters include the event, asynchronously, in event order per webhook, retrying a failed delivery
 * (no answer or a non-2xx status) with backoff; `RetryCount` tells the receiver which attempt it is.
 */
export class WebhookDispatcher {
    private readonly queues = new Map<string, Promise<void>>();

    constructor(
        private readonly sender: SignedSender,
        private readonly background: Background,
        private readonly policy: WebhookPolicy = DEFAULT_WEBHOOK_POLICY,
    ) {}

    emit(conversation: Conversation, eventType: string, params: Record<string, string>): void {
        const token = crypto.randomUUID();
        for (const webhook of conversation.webhooks) {
            if (!webhook.filters.includes(eventType)) continue;
            const previous = this.queues.get(webhook.sid) ?? Promise.resolve();
            const next = previous.then(() => this.deliver(webhook, eventType, params, token)).catch(() => undefined);
            this.queues.set(webhook.sid, next);
            void next.then(() => {
                if (this.queues.get(webhook.sid) === next) this.queues.delete(webhook.sid);
            });
        }
    }

    /** Resolves once every delivery queued so far has finished (used by tests and shutdown). */
    async idle(): Promise<void> {
        while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
    }

    private async deliver(
        webhook: ConversationWebhook,
        eventType: string,
        params: Record<string, string>,
        token: string,
    ): Promise<void> {
        for (let attempt = 0; attempt <= this.policy.retryDelaysMs.length; attempt += 1) {
            if (this.background.isStopped) return;
            const result = await this.sender.send({
                kind: "conversation-webhook",
                url: webhook.url,
                method: webhook.method,
                params: { ...params, RetryCount: String(attempt) },
                timeoutMs: this.policy.timeoutMs,
                eventType,
                conversationSid: webhook.conversationSid,
                attempt,
                headers: { "i-twilio-idempotency-token": token },
            });
            if (result.ok) return;
            const delay = this.policy.retryDelaysMs[attempt];
            if (delay === undefined) return;
            await this.background.sleep(delay);
        }
    }
}
