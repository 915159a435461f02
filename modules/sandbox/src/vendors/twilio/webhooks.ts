import type { Settings } from "../../settings/settings";
import type { Background } from "./background";
import { type Cause, firesWebhooks } from "./cause";
import type { SignedSender } from "./outbound";
import type { Conversation, ConversationWebhook } from "./store";

/** Twilio cuts a Conversations webhook off after 5 seconds ("Conversations Webhooks" page). */
export const WEBHOOK_TIMEOUT_MS = 5_000;

/** Waits before each retry (the last one repeats); how many retries there are is `webhookRetries`. */
const RETRY_DELAYS_MS = [250, 1000, 3000];

/**
 * Posts conversation-scoped webhooks (post-event) like Twilio: to every webhook of the conversation whose
 * filters include the event, asynchronously, in event order per webhook. Whether a REST action fires them at
 * all is `restActionsFireWebhooks`; a failed delivery (no answer within 5 s, or a non-2xx status) is retried
 * `webhookRetries` times (default 0: Twilio documents no retries for these webhooks), and `RetryCount` tells
 * the receiver which attempt it is.
 */
export class WebhookDispatcher {
    private readonly queues = new Map<string, Promise<void>>();

    constructor(
        private readonly sender: SignedSender,
        private readonly background: Background,
        private readonly settings: Settings,
    ) {}

    emit(conversation: Conversation, eventType: string, params: Record<string, string>, cause: Cause): void {
        const { restActionsFireWebhooks, webhookRetries } = this.settings.current;
        if (!firesWebhooks(cause, restActionsFireWebhooks)) return;
        const token = crypto.randomUUID();
        for (const webhook of conversation.webhooks) {
            if (!webhook.filters.includes(eventType)) continue;
            const previous = this.queues.get(webhook.sid) ?? Promise.resolve();
            const next = previous
                .then(() => this.deliver(webhook, eventType, params, token, webhookRetries))
                .catch(() => undefined);
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
        retries: number,
    ): Promise<void> {
        for (let attempt = 0; attempt <= retries; attempt += 1) {
            if (this.background.isStopped) return;
            if (attempt > 0) {
                await this.background.sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1] ?? 0);
                if (this.background.isStopped) return;
            }
            const result = await this.sender.send({
                kind: "conversation-webhook",
                url: webhook.url,
                method: webhook.method,
                params: { ...params, RetryCount: String(attempt) },
                timeoutMs: WEBHOOK_TIMEOUT_MS,
                eventType,
                conversationSid: webhook.conversationSid,
                attempt,
                headers: { "i-twilio-idempotency-token": token },
            });
            if (result.ok) return;
        }
    }
}
