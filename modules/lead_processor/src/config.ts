import { envPort, envUrl, isoDurationAtLeast, logFormat, logLevel, twilioConversationTimer } from "common";
import { z } from "zod";

/** Every setting of the lead processor; validated once at start-up. Documented in `.env.example`. */
export const LeadProcessorConfig = z.object({
    PORT: envPort.default(9080),
    HOST: z.string().default("0.0.0.0"),
    LOG_FORMAT: logFormat,
    LOG_LEVEL: logLevel,
    /** Shared credential for internal calls (create→sync, webhooks→Lead, bulk→Lead); identical in every task. */
    INTERNAL_API_TOKEN: z.string().min(16, "must be at least 16 characters (use a UUID)"),
    /** Public Restate ingress base URL; webhook URLs and Twilio signatures are computed against it. */
    PUBLIC_RESTATE_INGRESS_URL: envUrl,

    AWS_REGION: z.string().min(1).default("us-east-1"),
    /** Set for local DynamoDB (dynalite); unset uses AWS's regional endpoint and credential chain. */
    DYNAMODB_ENDPOINT: envUrl.optional(),
    /** Table prefix: `<PREFIX>_Web2Text_LeadStates` etc. */
    TABLE_PREFIX: z
        .string()
        .regex(/^[A-Z][A-Z0-9]*$/, "must be upper-case letters/digits such as DEV or PROD")
        .default("DEV"),

    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/i, "must look like AC followed by 32 hex characters"),
    TWILIO_AUTH_TOKEN: z.string().min(8),
    TWILIO_MESSAGING_SERVICE_SID: z
        .string()
        .regex(/^MG[0-9a-f]{32}$/i, "must look like MG followed by 32 hex characters"),
    /** When set, every Twilio REST call goes to this base instead of *.twilio.com (the local sandbox). */
    TWILIO_API_BASE_URL: envUrl.optional(),
    /** Checked against Twilio's minimums (inactive ≥ PT1M, closed ≥ PT10M): a shorter one refuses to start. */
    TWILIO_CONVERSATION_INACTIVE_TIMER: twilioConversationTimer("inactive").optional(),
    TWILIO_CONVERSATION_CLOSED_TIMER: twilioConversationTimer("closed").default("P1D"),
    /** How often every open WEB2TEXT lead re-reads its conversation (a lost webhook heals within one interval). */
    LEAD_RECONCILE_INTERVAL: isoDurationAtLeast("PT1S").default("PT1H"),
    TWILIO_PROXY_URL: envUrl,
    TWILIO_PROXY_USER: z.string().min(1),
    TWILIO_PROXY_PASS: z.string().min(1),

    /** Old Nexus API (retailers, subscriptions, store hours), HTTP Basic. */
    NEXUS_API_URL: envUrl,
    NEXUS_API_USERNAME: z.string().min(1),
    NEXUS_API_PASSWORD: z.string().min(1),
    /** AWS Nexus API (stores), Cognito bearer token; the Cognito app client is in the secret below. */
    NEXUS_AWS_API_URL: envUrl,
    NEXUS_AWS_API_SECRET_NAME: z.string().min(1),
    /** Credentials used only to read that secret. */
    NEXUS_AUTH_AWS_ACCESS_KEY_ID: z.string().min(1),
    NEXUS_AUTH_AWS_SECRET_ACCESS_KEY: z.string().min(1),
    NEXUS_AUTH_AWS_REGION: z.string().min(1),
    /** Replaces the Cognito token URL derived from the secret (`https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`). */
    NEXUS_AWS_TOKEN_URL: envUrl.optional(),
    /** Replaces AWS's regional Secrets Manager endpoint (the sandbox locally). */
    SECRETS_MANAGER_ENDPOINT: envUrl.optional(),

    RLM_API_URL: envUrl,
    RLM_GOD_API_KEY: z.string().min(1),
    RLM_GOD_EMAIL: z.email(),
    RLM_API_KEY_OVERRIDE: z.string().min(1).optional(),

    DHQ_API_URL: envUrl,
    DHQ_API_KEY: z.string().min(1),

    BOTPRESS_API_URL: envUrl.default("https://api.botpress.cloud"),
    BOTPRESS_API_TOKEN: z.string().min(1),
    BOTPRESS_BOT_ID: z.string().min(1),
    BOTPRESS_WORKSPACE_ID: z.string().min(1),
    BOTPRESS_TABLE: z.string().min(1).default("Int_Connor_Conversations_Table"),

    ACTON_BASE_URL: envUrl,
    ACTON_CLIENT_ID: z.string().min(1),
    ACTON_CLIENT_SECRET: z.string().min(1),
    ACTON_USERNAME: z.string().min(1),
    ACTON_PASSWORD: z.string().min(1),

    FF_API_URL: envUrl,
});

export type LeadProcessorConfig = z.output<typeof LeadProcessorConfig>;
