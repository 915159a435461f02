import type { RouteInput } from "../../core/router";
import type { RestActionsFireWebhooks } from "../../settings/settings";

/**
 * What made something happen in a conversation: a REST request (with its `X-Twilio-Webhook-Enabled` header,
 * if any), a text from a phone, or a timer. It decides whether conversation webhooks fire.
 */
export type Cause = { by: "rest"; webhookEnabled: string | undefined } | { by: "phone" } | { by: "timer" };

export const BY_PHONE: Cause = { by: "phone" };
export const BY_TIMER: Cause = { by: "timer" };

/** The header Twilio's REST API takes on create/update/delete of conversations, participants and messages. */
export const WEBHOOK_ENABLED_HEADER = "x-twilio-webhook-enabled";

/** The cause of a REST request. */
export function byRest(input: Pick<RouteInput, "req">): Cause {
    return { by: "rest", webhookEnabled: input.req.headers.get(WEBHOOK_ENABLED_HEADER)?.trim().toLowerCase() };
}

/**
 * Whether conversation webhooks fire for an action, per `restActionsFireWebhooks`: phones and timers always;
 * REST actions never, only with `X-Twilio-Webhook-Enabled: true` (with-header), or unless the request said
 * `false` (always).
 */
export function firesWebhooks(cause: Cause, mode: RestActionsFireWebhooks): boolean {
    if (cause.by !== "rest") return true;
    if (mode === "never") return false;
    if (mode === "with-header") return cause.webhookEnabled === "true";
    return cause.webhookEnabled !== "false";
}
