import { envPort, envUrl, logFormat, logLevel } from "common";
import { z } from "zod";

/** Every setting of the Twilio proxy; validated once at start-up (`loadConfigOrExit`). */
export const ProxyConfig = z.object({
    PORT: envPort.default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    LOG_FORMAT: logFormat,
    LOG_LEVEL: logLevel,

    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/i, "must look like AC followed by 32 hex characters"),
    TWILIO_AUTH_TOKEN: z.string().min(8, "must be at least 8 characters"),
    /** The Messaging Service whose phone numbers form the pool; also the default for new conversations. */
    TWILIO_MESSAGING_SERVICE_SID: z
        .string()
        .regex(/^MG[0-9a-f]{32}$/i, "must look like MG followed by 32 hex characters"),
    /** When set, every Twilio REST call goes to this base instead of *.twilio.com (the local sandbox). */
    TWILIO_API_BASE_URL: envUrl.optional(),

    /** HTTP Basic credentials callers of `POST /sessions` must send. */
    AUTH_USERNAME: z.string().min(1),
    AUTH_PASSWORD: z.string().min(1),

    /** Seconds between re-reads of the pool. */
    POOL_REFRESH_SECONDS: z.coerce.number().int().min(5, "must be at least 5").max(86_400).default(300),
});

export type ProxyConfig = z.output<typeof ProxyConfig>;
