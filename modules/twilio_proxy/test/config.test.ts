import { ConfigError, loadConfig } from "common";
import { describe, expect, it } from "vitest";
import { ProxyConfig } from "../src/config";

const VALID = {
    TWILIO_ACCOUNT_SID: `AC${"0".repeat(31)}1`,
    TWILIO_AUTH_TOKEN: "sandbox-twilio-auth-token-0001",
    TWILIO_MESSAGING_SERVICE_SID: `MG${"0".repeat(31)}1`,
    AUTH_USERNAME: "local-proxy",
    AUTH_PASSWORD: "local-proxy-password",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
    try {
        loadConfig("twilio-proxy", ProxyConfig, env);
    } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
    }
    throw new Error("expected the configuration to be rejected");
}

describe("ProxyConfig", () => {
    it("applies the defaults", () => {
        const config = loadConfig("twilio-proxy", ProxyConfig, VALID);
        expect(config).toMatchObject({
            PORT: 3000,
            HOST: "0.0.0.0",
            POOL_REFRESH_SECONDS: 300,
            LOG_FORMAT: "json",
            LOG_LEVEL: "info",
        });
        expect(config.TWILIO_API_BASE_URL).toBeUndefined();
    });

    it("reads every setting", () => {
        const config = loadConfig("twilio-proxy", ProxyConfig, {
            ...VALID,
            PORT: "3100",
            HOST: "127.0.0.1",
            TWILIO_API_BASE_URL: "http://127.0.0.1:4010/",
            POOL_REFRESH_SECONDS: "30",
            LOG_FORMAT: "pretty",
            LOG_LEVEL: "debug",
        });
        expect(config).toMatchObject({
            PORT: 3100,
            HOST: "127.0.0.1",
            TWILIO_API_BASE_URL: "http://127.0.0.1:4010",
            POOL_REFRESH_SECONDS: 30,
            LOG_FORMAT: "pretty",
            LOG_LEVEL: "debug",
        });
    });

    it("lists every missing setting, one readable line each", () => {
        expect(problemsOf({}).sort()).toEqual([
            "AUTH_PASSWORD: is required but not set",
            "AUTH_USERNAME: is required but not set",
            "TWILIO_ACCOUNT_SID: is required but not set",
            "TWILIO_AUTH_TOKEN: is required but not set",
            "TWILIO_MESSAGING_SERVICE_SID: is required but not set",
        ]);
    });

    it("treats empty strings as unset", () => {
        expect(problemsOf({ ...VALID, AUTH_PASSWORD: "" })).toEqual(["AUTH_PASSWORD: is required but not set"]);
    });

    it("explains invalid values", () => {
        const problems = problemsOf({
            ...VALID,
            TWILIO_ACCOUNT_SID: "AC123",
            TWILIO_MESSAGING_SERVICE_SID: "PN00000000000000000000000000000001",
            TWILIO_API_BASE_URL: "localhost:4010",
            POOL_REFRESH_SECONDS: "1",
            LOG_FORMAT: "xml",
        });
        expect(problems).toHaveLength(5);
        expect(problems).toContain("TWILIO_ACCOUNT_SID: must look like AC followed by 32 hex characters");
        expect(problems).toContain("TWILIO_MESSAGING_SERVICE_SID: must look like MG followed by 32 hex characters");
        expect(problems).toContain("POOL_REFRESH_SECONDS: must be at least 5");
        expect(problems.find((line) => line.startsWith("TWILIO_API_BASE_URL: "))).toBeDefined();
        expect(problems.find((line) => line.startsWith("LOG_FORMAT: "))).toBeDefined();
    });

    it("builds a message that names the service and lists the problems", () => {
        try {
            loadConfig("twilio-proxy", ProxyConfig, { ...VALID, AUTH_USERNAME: undefined });
            expect.unreachable();
        } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            expect(String(error)).toContain(
                "twilio-proxy cannot start, its configuration is invalid:\n  - AUTH_USERNAME: is required but not set",
            );
        }
    });
});
