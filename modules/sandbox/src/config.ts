import { envPort, envUrl } from "common";
import { z } from "zod";

export const SandboxConfig = z.object({
    PORT: envPort.default(4010),
    HOST: z.string().default("127.0.0.1"),
    /** Base URL callers use to reach the sandbox (defaults to http://HOST:PORT). */
    SANDBOX_PUBLIC_URL: envUrl.optional(),
    /** Messaging Service inbound webhook: Restate ingress `/TwilioWebhooks/onIncomingMessage`. */
    SANDBOX_INBOUND_WEBHOOK_URL: envUrl.optional(),
});
