import { ORIGINAL_SETTING_NAMES } from "lead-processor";
import type { Seed } from "sandbox/seed";

export interface StackUrls {
    ingress: string;
    admin: string;
    service: string;
    dynamo: string;
    proxy: string;
    sandbox: string;
}

/** Basic-auth credentials the local Twilio proxy is started with (local only; production uses Secrets Manager). */
export const LOCAL_PROXY_AUTH = { user: "local-proxy", pass: "local-proxy-password" };

/** The lead processor's settings for a local stack: every outside platform is the sandbox. */
export function leadProcessorEnv(
    urls: StackUrls,
    seed: Seed,
    opts: { port: number; internalToken: string; tablePrefix: string; logFormat: "json" | "pretty" },
): Record<string, string> {
    return {
        PORT: String(opts.port),
        HOST: "127.0.0.1",
        LOG_FORMAT: opts.logFormat,
        INTERNAL_API_TOKEN: opts.internalToken,
        PUBLIC_RESTATE_INGRESS_URL: urls.ingress,
        AWS_REGION: "us-east-1",
        DYNAMODB_ENDPOINT: urls.dynamo,
        TABLE_PREFIX: opts.tablePrefix,
        TWILIO_ACCOUNT_SID: seed.twilio.accountSid,
        TWILIO_AUTH_TOKEN: seed.twilio.authToken,
        TWILIO_MESSAGING_SERVICE_SID: seed.twilio.messagingServiceSid,
        TWILIO_API_BASE_URL: urls.sandbox,
        TWILIO_PROXY_URL: urls.proxy,
        TWILIO_PROXY_USER: LOCAL_PROXY_AUTH.user,
        TWILIO_PROXY_PASS: LOCAL_PROXY_AUTH.pass,
        NEXUS_API_URL: `${urls.sandbox}/nexus`,
        NEXUS_API_USERNAME: seed.nexus.username,
        NEXUS_API_PASSWORD: seed.nexus.password,
        NEXUS_AWS_API_URL: `${urls.sandbox}/nexus-aws`,
        NEXUS_AWS_API_SECRET_NAME: seed.nexus.awsSecretName,
        NEXUS_AUTH_AWS_ACCESS_KEY_ID: seed.aws.accessKeyId,
        NEXUS_AUTH_AWS_SECRET_ACCESS_KEY: seed.aws.secretAccessKey,
        NEXUS_AUTH_AWS_REGION: seed.aws.region,
        NEXUS_AWS_TOKEN_URL: `${urls.sandbox}/cognito/oauth2/token`,
        SECRETS_MANAGER_ENDPOINT: `${urls.sandbox}/secretsmanager`,
        RLM_API_URL: `${urls.sandbox}/rlm`,
        RLM_GOD_API_KEY: "sandbox-rlm-god-key",
        RLM_GOD_EMAIL: "god@rlm.example",
        DHQ_API_URL: `${urls.sandbox}/dhq`,
        DHQ_API_KEY: "sandbox-dhq-key",
        BOTPRESS_API_URL: `${urls.sandbox}/botpress`,
        BOTPRESS_API_TOKEN: "sandbox-botpress-token",
        BOTPRESS_BOT_ID: "sandbox-bot",
        BOTPRESS_WORKSPACE_ID: "sandbox-workspace",
        ACTON_BASE_URL: `${urls.sandbox}/acton`,
        ACTON_CLIENT_ID: "sandbox-acton-client",
        ACTON_CLIENT_SECRET: "sandbox-acton-secret",
        ACTON_USERNAME: "sandbox-acton-user",
        ACTON_PASSWORD: "sandbox-acton-password",
        FF_API_URL: `${urls.sandbox}/floorforce`,
        // The tests, the reliability suite and the bench drive one API key far beyond any caller's rate on
        // purpose; a local stack limits keys only when asked (API_KEY_RATE_LIMIT in .env or the stack's options).
        API_KEY_RATE_LIMIT: "off",
    };
}

/**
 * The lead processor's settings for a local stack under the old system's variable names only (as its
 * `web2text-*-env` secrets hold them), without INTERNAL_API_TOKEN: DynamoDB through LOCAL_DYNAMODB_URL, and
 * dummies for the names the service accepts but does not use. Platforms reached only through new names (the
 * Twilio REST base, Secrets Manager and Cognito stand-ins) stay the real ones: only an ACTON lead, which needs
 * none of them, can be served end to end from these.
 */
export function originalLeadProcessorEnv(urls: StackUrls, seed: Seed): Record<string, string> {
    const full: Record<string, string> = {
        ...leadProcessorEnv(urls, seed, { port: 9080, internalToken: "", tablePrefix: "", logFormat: "json" }),
        LOCAL_DYNAMODB_URL: urls.dynamo,
        DEPLOYMENT_ENV: "development",
        NODE_ENV: "production",
        RESTATE_ADMIN_URL: urls.admin,
        TWILIO_API_SID: `SK${"0".repeat(32)}`,
        TWILIO_API_SECRET: "unused-api-key-secret",
    };
    const original: readonly string[] = ORIGINAL_SETTING_NAMES;
    return Object.fromEntries(
        Object.entries(full).filter(([name]) => original.includes(name) && name !== "INTERNAL_API_TOKEN"),
    );
}

/**
 * Lead processor settings a person may tune on a local stack (from the environment or `.env`); the launcher
 * wires everything else itself. A stack passes them to the service through `leadProcessorEnv`.
 */
export const LEAD_PROCESSOR_TUNABLES = [
    "LEAD_RECONCILE_INTERVAL",
    "API_KEY_RATE_LIMIT",
    "TWILIO_CONVERSATION_INACTIVE_TIMER",
    "TWILIO_CONVERSATION_CLOSED_TIMER",
] as const;

/** The tunable lead processor settings set (non-empty) in `env`. */
export function leadProcessorTunables(env: Record<string, string | undefined>): Record<string, string> {
    return Object.fromEntries(
        LEAD_PROCESSOR_TUNABLES.flatMap((name) => {
            const value = env[name]?.trim();
            return value ? [[name, value]] : [];
        }),
    );
}

/** The Twilio proxy's settings for a local stack. */
export function proxyEnv(urls: StackUrls, seed: Seed, port: number): Record<string, string> {
    return {
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_FORMAT: "json",
        TWILIO_ACCOUNT_SID: seed.twilio.accountSid,
        TWILIO_AUTH_TOKEN: seed.twilio.authToken,
        TWILIO_MESSAGING_SERVICE_SID: seed.twilio.messagingServiceSid,
        TWILIO_API_BASE_URL: urls.sandbox,
        AUTH_USERNAME: LOCAL_PROXY_AUTH.user,
        AUTH_PASSWORD: LOCAL_PROXY_AUTH.pass,
        POOL_REFRESH_SECONDS: "30",
    };
}
