import { envPort, envUrl, isoDurationAtLeast, logFormat, logLevel, twilioConversationTimer } from "common";
import { z } from "zod";
import { deriveInternalToken } from "./config-internal-token";
import { RateLimitSetting } from "./config-rate-limit";

/**
 * Every setting of the lead processor, by the names the old system's configuration uses (they work alone, with
 * their old meaning) plus this service's own; validated once at start-up. Documented in `.env.example`.
 * {@link LeadProcessorConfig} resolves aliases and the defaults that depend on `DEPLOYMENT_ENV`.
 */
export const LeadProcessorSettings = z.object({
    PORT: envPort.default(9080),
    HOST: z.string().default("0.0.0.0"),
    LOG_FORMAT: logFormat,
    LOG_LEVEL: logLevel,
    /**
     * Shared credential for internal calls (create→sync, webhooks→Lead, bulk→Lead); identical in every task.
     * Unset: derived from TWILIO_AUTH_TOKEN (`deriveInternalToken`), so every task still agrees.
     */
    INTERNAL_API_TOKEN: z.string().min(16, "must be at least 16 characters (use a UUID)").optional(),
    /**
     * Requests per second each API key may make, per process (`50/s burst 100`, or `off`); a request beyond it
     * is answered 429. Internal calls and Twilio's webhooks are not limited here (the edge limits those).
     */
    API_KEY_RATE_LIMIT: RateLimitSetting.prefault("50/s burst 100"),
    /**
     * Public Restate ingress base URL; webhook URLs and Twilio signatures are computed against it. Required
     * (the old system let it be unset, and then no Twilio webhook could pass its signature check).
     */
    PUBLIC_RESTATE_INGRESS_URL: envUrl,
    /** `development` or `production`: picks the defaults of TABLE_PREFIX and the conversation timers. */
    DEPLOYMENT_ENV: z.enum(["development", "production"]).optional(),
    /** Restate admin API; accepted for the old configuration's sake, the service itself does not call it. */
    RESTATE_ADMIN_URL: envUrl.optional(),
    /** Accepted and ignored: the service behaves the same whatever it says (there is no test mode). */
    NODE_ENV: z.string().optional(),

    AWS_REGION: z.string().min(1).default("us-east-1"),
    /**
     * Set for a local DynamoDB (dynalite, DynamoDB Local): the service then creates missing tables at start.
     * Unset uses AWS's regional endpoint and credential chain. LOCAL_DYNAMODB_URL is the old name (this one wins).
     */
    DYNAMODB_ENDPOINT: envUrl.optional(),
    LOCAL_DYNAMODB_URL: envUrl.optional(),
    /** Table prefix: `<PREFIX>_Web2Text_LeadStates` etc. Default PROD in production, else DEV. */
    TABLE_PREFIX: z
        .string()
        .regex(/^[A-Z][A-Z0-9]*$/, "must be upper-case letters/digits such as DEV or PROD")
        .optional(),

    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/i, "must look like AC followed by 32 hex characters"),
    TWILIO_AUTH_TOKEN: z.string().min(8),
    /**
     * The old configuration's Twilio API key pair: accepted, not used. The old system validated but never used
     * it, so nothing proves the stored pair works; the auth token must be held anyway to check webhook signatures.
     */
    TWILIO_API_SID: z.string().min(1).optional(),
    TWILIO_API_SECRET: z.string().min(1).optional(),
    TWILIO_MESSAGING_SERVICE_SID: z
        .string()
        .regex(/^MG[0-9a-f]{32}$/i, "must look like MG followed by 32 hex characters"),
    /** When set, every Twilio REST call goes to this base instead of *.twilio.com (the local sandbox). */
    TWILIO_API_BASE_URL: envUrl.optional(),
    /**
     * Checked against Twilio's minimums (inactive ≥ PT1M, closed ≥ PT10M): a shorter one refuses to start.
     * Unset: the DEPLOYMENT_ENV defaults below (production P7D / P30D, otherwise none / P1D).
     */
    TWILIO_CONVERSATION_INACTIVE_TIMER: twilioConversationTimer("inactive").optional(),
    TWILIO_CONVERSATION_CLOSED_TIMER: twilioConversationTimer("closed").optional(),
    /** How often every open WEB2TEXT lead re-reads its conversation (a lost webhook heals within one interval). */
    LEAD_RECONCILE_INTERVAL: isoDurationAtLeast("PT1S").default("PT1H"),
    /**
     * How long a CLOSED lead's personal data is kept: this long after the close, the lead clears its Restate state
     * and deletes its projection item (whose `ExpiresAt` TTL attribute is the backstop).
     */
    LEAD_RETENTION: isoDurationAtLeast("PT1S").default("P365D"),
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

/** What each `DEPLOYMENT_ENV` defaults to (unset counts as development, as in the old system). */
export const ENVIRONMENT_DEFAULTS = {
    production: { tablePrefix: "PROD", inactiveTimer: "P7D", closedTimer: "P30D" },
    development: { tablePrefix: "DEV", inactiveTimer: undefined, closedTimer: "P1D" },
} as const;

/** The settings as the service uses them: aliases resolved, environment defaults applied, the token present. */
export const LeadProcessorConfig = LeadProcessorSettings.transform((settings) => {
    const defaults = ENVIRONMENT_DEFAULTS[settings.DEPLOYMENT_ENV ?? "development"];
    return {
        ...settings,
        DYNAMODB_ENDPOINT: settings.DYNAMODB_ENDPOINT ?? settings.LOCAL_DYNAMODB_URL,
        TABLE_PREFIX: settings.TABLE_PREFIX ?? defaults.tablePrefix,
        TWILIO_CONVERSATION_INACTIVE_TIMER: settings.TWILIO_CONVERSATION_INACTIVE_TIMER ?? defaults.inactiveTimer,
        TWILIO_CONVERSATION_CLOSED_TIMER: settings.TWILIO_CONVERSATION_CLOSED_TIMER ?? defaults.closedTimer,
        INTERNAL_API_TOKEN: settings.INTERNAL_API_TOKEN ?? deriveInternalToken(settings.TWILIO_AUTH_TOKEN),
        /** True when INTERNAL_API_TOKEN was not configured and the derived credential is in use. */
        internalTokenDerived: settings.INTERNAL_API_TOKEN === undefined,
    };
});

export type LeadProcessorConfig = z.output<typeof LeadProcessorConfig>;
