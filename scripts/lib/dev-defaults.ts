/**
 * The fixed, documented defaults of the local development stack (`bun run dev`) and of the scripts that
 * work on it. Every value can be overridden by the environment variable named next to it (see `.env.example`).
 */

/** Default ports of the dev stack and the variable that overrides each. */
export const DEV_PORTS = {
    ingress: { env: "DEV_INGRESS_PORT", port: 8080, label: "Restate ingress" },
    admin: { env: "DEV_ADMIN_PORT", port: 9070, label: "Restate admin API/UI" },
    node: { env: "DEV_NODE_PORT", port: 5122, label: "Restate node (metrics, restatectl)" },
    service: { env: "DEV_SERVICE_PORT", port: 9080, label: "lead processor service" },
    dynamo: { env: "DEV_DYNAMODB_PORT", port: 8000, label: "DynamoDB (dynalite)" },
    proxy: { env: "DEV_PROXY_PORT", port: 3000, label: "Twilio proxy" },
    sandbox: { env: "DEV_SANDBOX_PORT", port: 4010, label: "sandbox" },
} as const;

export type DevPortName = keyof typeof DEV_PORTS;

/** API key the dev stack seeds with access to every endpoint (override: `DEV_API_KEY`, must be a UUID). */
export const DEFAULT_DEV_API_KEY = "11111111-2222-4333-8444-555555555555";

/** Internal credential of the dev stack when neither the environment nor `.env` sets `INTERNAL_API_TOKEN`. */
export const DEFAULT_DEV_INTERNAL_TOKEN = "local-dev-internal-token-not-a-secret";

/** Table prefix of the dev stack: `DEV_Web2Text_LeadStates` etc. */
export const DEV_TABLE_PREFIX = "DEV";

export const DEV_API_KEY_DESCRIPTION = "Local development key (all endpoints)";

/** The Restate services of the lead processor, as `clear-restate` and `register-with-restate` know them. */
export const LEAD_PROCESSOR_SERVICES = [
    "Lead",
    "OpenLeads",
    "LeadLookup",
    "Dealer",
    "Admin",
    "TwilioWebhooks",
] as const;

/** `name` from the environment, with empty strings counting as unset (as in `.env` files). */
export function envOr(name: string, fallback: string): string {
    const value = process.env[name]?.trim();
    return value ? value : fallback;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
    return UUID.test(value);
}
