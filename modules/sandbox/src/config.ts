import { envBoolean, envPort, envUrl } from "common";
import { z } from "zod";
import {
    OptOutScope,
    RestActionsFireWebhooks,
    type SettingsPatch,
    StopRouting,
    WebhookRetries,
} from "./settings/settings";

/** The sandbox process's settings; the `SANDBOX_*` behaviour settings are described in `SETTINGS.md`. */
export const SandboxConfig = z.object({
    PORT: envPort.default(4010),
    HOST: z.string().default("127.0.0.1"),
    /** Base URL callers use to reach the sandbox (defaults to http://HOST:PORT). */
    SANDBOX_PUBLIC_URL: envUrl.optional(),
    /** Messaging Service inbound webhook: Restate ingress `/TwilioWebhooks/onIncomingMessage`. */
    SANDBOX_INBOUND_WEBHOOK_URL: envUrl.optional(),
    /** `vendorIdempotency` (default false). */
    SANDBOX_VENDOR_IDEMPOTENCY: envBoolean.optional(),
    /** `restActionsFireWebhooks`: never | with-header | always (default with-header). */
    SANDBOX_REST_ACTIONS_FIRE_WEBHOOKS: RestActionsFireWebhooks.optional(),
    /** `webhookRetries` (default 0). */
    SANDBOX_WEBHOOK_RETRIES: z.coerce.number().pipe(WebhookRetries).optional(),
    /** `stopRouting`: conversation | inbound-webhook | both (default conversation). */
    SANDBOX_STOP_ROUTING: StopRouting.optional(),
    /** `optOutScope`: messaging-service | number (default messaging-service). */
    SANDBOX_OPT_OUT_SCOPE: OptOutScope.optional(),
    /** `fastTimers` (default false): the labelled test-only acceleration of conversation timers. */
    SANDBOX_FAST_TIMERS: envBoolean.optional(),
});
export type SandboxConfig = z.output<typeof SandboxConfig>;

/** The behaviour settings the environment sets at start (the rest keep their defaults). */
export function settingsFromEnv(config: SandboxConfig): SettingsPatch {
    return {
        vendorIdempotency: config.SANDBOX_VENDOR_IDEMPOTENCY,
        restActionsFireWebhooks: config.SANDBOX_REST_ACTIONS_FIRE_WEBHOOKS,
        webhookRetries: config.SANDBOX_WEBHOOK_RETRIES,
        stopRouting: config.SANDBOX_STOP_ROUTING,
        optOutScope: config.SANDBOX_OPT_OUT_SCOPE,
        fastTimers: config.SANDBOX_FAST_TIMERS,
    };
}
