import { ConfigError, loadConfig } from "common";
import { originalLeadProcessorEnv, type StackUrls } from "devstack";
import { seed } from "sandbox/seed";
import { describe, expect, it } from "vitest";
import { LeadProcessorConfig, LeadProcessorSettings } from "../src/config";
import { deriveInternalToken } from "../src/config-internal-token";
import { ORIGINAL_SETTING_NAMES } from "../src/config-original-names";

const urls: StackUrls = {
    ingress: "http://127.0.0.1:8080",
    admin: "http://127.0.0.1:9070",
    service: "http://127.0.0.1:9080",
    dynamo: "http://127.0.0.1:8000",
    proxy: "http://127.0.0.1:3000",
    sandbox: "http://127.0.0.1:4010",
};
/** The old system's names only, as its secrets hold them (no INTERNAL_API_TOKEN). */
const original = originalLeadProcessorEnv(urls, seed);
const load = (env: Record<string, string>) => loadConfig("lead-processor", LeadProcessorConfig, env);

/** The start-up problems of `env`, one line per setting. */
function problems(env: Record<string, string>): string[] {
    try {
        load(env);
        return [];
    } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
    }
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the old system's settings", () => {
    it("declares every variable name of the old configuration", () => {
        const declared = Object.keys(LeadProcessorSettings.shape);
        expect(ORIGINAL_SETTING_NAMES.filter((name) => !declared.includes(name))).toEqual([]);
    });

    it("start the service alone: the env holds only old names", () => {
        const names: readonly string[] = ORIGINAL_SETTING_NAMES;
        expect(Object.keys(original).filter((name) => !names.includes(name))).toEqual([]);
        expect(original).not.toHaveProperty("INTERNAL_API_TOKEN");
        expect(problems(original)).toEqual([]);
    });

    it("keep their old meaning: LOCAL_DYNAMODB_URL is the endpoint, development means DEV tables and a 1-day close", () => {
        const config = load(original);
        expect(config).toMatchObject({
            DYNAMODB_ENDPOINT: urls.dynamo,
            TABLE_PREFIX: "DEV",
            TWILIO_CONVERSATION_CLOSED_TIMER: "P1D",
            PUBLIC_RESTATE_INGRESS_URL: urls.ingress,
        });
        expect(config.TWILIO_CONVERSATION_INACTIVE_TIMER).toBeUndefined();
    });

    it("default to PROD tables and the P7D/P30D timers in production", () => {
        const config = load({ ...original, DEPLOYMENT_ENV: "production" });
        expect(config).toMatchObject({
            TABLE_PREFIX: "PROD",
            TWILIO_CONVERSATION_INACTIVE_TIMER: "P7D",
            TWILIO_CONVERSATION_CLOSED_TIMER: "P30D",
        });
    });

    it("treat an unset DEPLOYMENT_ENV as development", () => {
        const { DEPLOYMENT_ENV: _unset, ...env } = original;
        expect(load(env)).toMatchObject({ TABLE_PREFIX: "DEV", TWILIO_CONVERSATION_CLOSED_TIMER: "P1D" });
    });

    it("let explicit settings win over the environment's defaults", () => {
        const config = load({
            ...original,
            DEPLOYMENT_ENV: "production",
            TABLE_PREFIX: "TEST",
            TWILIO_CONVERSATION_INACTIVE_TIMER: "PT2H",
            TWILIO_CONVERSATION_CLOSED_TIMER: "P2D",
            DYNAMODB_ENDPOINT: "http://127.0.0.1:8001",
        });
        expect(config).toMatchObject({
            TABLE_PREFIX: "TEST",
            TWILIO_CONVERSATION_INACTIVE_TIMER: "PT2H",
            TWILIO_CONVERSATION_CLOSED_TIMER: "P2D",
            DYNAMODB_ENDPOINT: "http://127.0.0.1:8001",
        });
    });

    it("ignore NODE_ENV: any value gives the same configuration", () => {
        const { NODE_ENV: _a, ...withTest } = load({ ...original, NODE_ENV: "test" });
        const { NODE_ENV: _b, ...withProduction } = load({ ...original, NODE_ENV: "production" });
        expect(withTest).toEqual(withProduction);
    });

    it.each<[string, Record<string, string>, string]>([
        ["DEPLOYMENT_ENV", { DEPLOYMENT_ENV: "staging" }, "DEPLOYMENT_ENV: "],
        ["LOCAL_DYNAMODB_URL", { LOCAL_DYNAMODB_URL: "not a url" }, "LOCAL_DYNAMODB_URL: "],
        ["RESTATE_ADMIN_URL", { RESTATE_ADMIN_URL: "ftp://admin" }, "RESTATE_ADMIN_URL: "],
    ])("refuse a bad %s with a line naming it", (_name, patch, prefix) => {
        const lines = problems({ ...original, ...patch });
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^${prefix}`));
    });

    it("still require PUBLIC_RESTATE_INGRESS_URL: webhooks are registered and verified against it", () => {
        const { PUBLIC_RESTATE_INGRESS_URL: _unset, ...env } = original;
        expect(problems(env)).toEqual(["PUBLIC_RESTATE_INGRESS_URL: is required but not set"]);
    });
});

describe("INTERNAL_API_TOKEN", () => {
    it("is derived from TWILIO_AUTH_TOKEN when unset: a v4-shaped UUID, the same in every task", () => {
        const first = load(original);
        const second = load({ ...original });
        expect(first.INTERNAL_API_TOKEN).toMatch(UUID_V4);
        expect(first.INTERNAL_API_TOKEN).toBe(second.INTERNAL_API_TOKEN);
        expect(first.INTERNAL_API_TOKEN).toBe(deriveInternalToken(original.TWILIO_AUTH_TOKEN ?? ""));
        expect(first.internalTokenDerived).toBe(true);
    });

    it("differs with the auth token", () => {
        const a = deriveInternalToken("auth-token-of-account-a");
        const b = deriveInternalToken("auth-token-of-account-b");
        expect(a).not.toBe(b);
        expect(a).toMatch(UUID_V4);
    });

    it("is the configured value when set", () => {
        const config = load({ ...original, INTERNAL_API_TOKEN: "configured-internal-token-123" });
        expect(config.INTERNAL_API_TOKEN).toBe("configured-internal-token-123");
        expect(config.internalTokenDerived).toBe(false);
    });
});

describe("LEAD_RETENTION", () => {
    it("defaults to 365 days", () => {
        expect(load(original).LEAD_RETENTION).toBe("P365D");
    });

    it("takes an ISO 8601 duration", () => {
        expect(load({ ...original, LEAD_RETENTION: "PT5S" }).LEAD_RETENTION).toBe("PT5S");
    });

    it.each(["365", "P", "1 year", "PT0S"])("refuses %j, naming the setting", (value) => {
        const lines = problems({ ...original, LEAD_RETENTION: value });
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain("LEAD_RETENTION");
    });
});
