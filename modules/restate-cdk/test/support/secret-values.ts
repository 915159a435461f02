import type { LeadProcessorSecretKey } from "../../config/lead-processor-secret";

/**
 * Production-shaped dummy values for the keys of the old system's `web2text-<env>-env` secret, so a container's
 * start-up environment can be checked against the service's own config schema. All fake.
 */
export const LEAD_PROCESSOR_SECRET_VALUES: Record<LeadProcessorSecretKey, string> = {
    TWILIO_ACCOUNT_SID: `AC${"0a".repeat(16)}`,
    TWILIO_AUTH_TOKEN: "0a".repeat(16),
    TWILIO_API_SID: `SK${"0b".repeat(16)}`,
    TWILIO_API_SECRET: "twilio-api-secret-value",
    TWILIO_MESSAGING_SERVICE_SID: `MG${"0c".repeat(16)}`,
    NEXUS_API_URL: "https://nexus.example.com/api",
    NEXUS_API_USERNAME: "nexus-user",
    NEXUS_API_PASSWORD: "nexus-password",
    NEXUS_AWS_API_URL: "https://nexus-aws.example.com",
    NEXUS_AWS_API_SECRET_NAME: "nexus-aws-api-client",
    NEXUS_AUTH_AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    NEXUS_AUTH_AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    NEXUS_AUTH_AWS_REGION: "us-east-1",
    RLM_API_URL: "https://rlm.example.com",
    RLM_GOD_API_KEY: "rlm-god-api-key",
    RLM_GOD_EMAIL: "ops@example.com",
    DHQ_API_URL: "https://dhq.example.com",
    DHQ_API_KEY: "dhq-api-key",
    BOTPRESS_API_TOKEN: "botpress-api-token",
    BOTPRESS_BOT_ID: "bot-0000",
    BOTPRESS_WORKSPACE_ID: "workspace-0000",
    ACTON_BASE_URL: "https://acton.example.com",
    ACTON_CLIENT_ID: "acton-client",
    ACTON_CLIENT_SECRET: "acton-client-secret",
    ACTON_USERNAME: "acton-user",
    ACTON_PASSWORD: "acton-password",
    FF_API_URL: "https://floorforce.example.com",
};
