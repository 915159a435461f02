/**
 * The old system's settings that its `web2text-<dev|prod>-env` secrets hold: every setting its `env.ts`
 * required, except those a deployment gives itself (region, proxy, ingress, admin URL). The CDK injects exactly
 * these keys from the secret (`modules/restate-cdk/config/lead-processor-secret.ts`).
 */
export const ORIGINAL_SECRET_KEYS = [
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

/**
 * Every variable name of the old system's configuration (its `env.ts` plus `RLM_API_KEY_OVERRIDE` and
 * `NODE_ENV`), as its secrets and `.env` files use them. Each works alone, with its old meaning;
 * `INTERNAL_API_TOKEN` is among them but optional (derived when unset).
 */
export const ORIGINAL_SETTING_NAMES = [
    ...ORIGINAL_SECRET_KEYS,
    "AWS_REGION",
    "INTERNAL_API_TOKEN",
    "RLM_API_KEY_OVERRIDE",
    "RESTATE_ADMIN_URL",
    "LOCAL_DYNAMODB_URL",
    "TWILIO_PROXY_URL",
    "TWILIO_PROXY_USER",
    "TWILIO_PROXY_PASS",
    "DEPLOYMENT_ENV",
    "NODE_ENV",
    "PUBLIC_RESTATE_INGRESS_URL",
] as const;
