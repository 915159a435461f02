/**
 * The JSON keys of the lead processor's Secrets Manager secret (`web2text-<dev|prod>-env`) that ECS injects as
 * environment variables when a task starts. The secret is the old system's own, so its keys are the old
 * system's variable names (original-system.md §10) and the service reads them under those names. Every key
 * must exist in the secret: ECS does not start a task whose secret lacks one, and says which.
 *
 * URLs, Twilio SIDs and other ids in the list are not credentials, but the old secret holds them, so they come
 * from it too: one place to change a vendor's address, as before. (`leadProcessor.environment` cannot set them.)
 */
export const LEAD_PROCESSOR_SECRET_KEYS = [
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_API_SID",
    "TWILIO_API_SECRET",
    "TWILIO_MESSAGING_SERVICE_SID",
    "NEXUS_API_URL",
    "NEXUS_API_USERNAME",
    "NEXUS_API_PASSWORD",
    "NEXUS_AWS_API_URL",
    "NEXUS_AWS_API_SECRET_NAME",
    "NEXUS_AUTH_AWS_ACCESS_KEY_ID",
    "NEXUS_AUTH_AWS_SECRET_ACCESS_KEY",
    "NEXUS_AUTH_AWS_REGION",
    "RLM_API_URL",
    "RLM_GOD_API_KEY",
    "RLM_GOD_EMAIL",
    "DHQ_API_URL",
    "DHQ_API_KEY",
    "BOTPRESS_API_TOKEN",
    "BOTPRESS_BOT_ID",
    "BOTPRESS_WORKSPACE_ID",
    "ACTON_BASE_URL",
    "ACTON_CLIENT_ID",
    "ACTON_CLIENT_SECRET",
    "ACTON_USERNAME",
    "ACTON_PASSWORD",
    "FF_API_URL",
] as const;

export type LeadProcessorSecretKey = (typeof LEAD_PROCESSOR_SECRET_KEYS)[number];
