import { join } from "node:path";
import { REPO_ROOT } from "devstack";
import { describe, expect, it } from "vitest";
import { parseDevArgs, readSettings, sampleCreateBody } from "../dev";
import { CliError } from "../lib/cli";
import { DEFAULT_DEV_API_KEY, DEFAULT_DEV_INTERNAL_TOKEN, DEV_PORTS, isUuid } from "../lib/dev-defaults";
import { localDynamoEndpoint, tablePrefixFromEnv } from "../lib/dynamo-clear";

const error = (fn: () => unknown): CliError => {
    try {
        fn();
    } catch (e) {
        if (e instanceof CliError) return e;
        throw e;
    }
    throw new Error("expected a CliError");
};

describe("dev settings", () => {
    it("defaults to the spec's ports, .data/, the documented key and token", () => {
        const s = readSettings({});
        expect(s.ports).toEqual({
            ingress: 8080,
            admin: 9070,
            node: 5122,
            service: 9080,
            dynamo: 8000,
            proxy: 3000,
            sandbox: 4010,
        });
        expect(s.dataDir).toBe(join(REPO_ROOT, ".data"));
        expect(s.logDir).toBe(join(REPO_ROOT, ".data", "logs"));
        expect(s.apiKey).toBe(DEFAULT_DEV_API_KEY);
        expect(s.internalToken).toBe(DEFAULT_DEV_INTERNAL_TOKEN);
        expect(s.internalTokenFrom).toBe("default");
        expect(s.sandboxEnv).toEqual({});
        expect(isUuid(DEFAULT_DEV_API_KEY)).toBe(true);
    });

    it("passes the sandbox's SANDBOX_* settings on, and nothing else", () => {
        const s = readSettings({
            SANDBOX_FAST_TIMERS: "true",
            SANDBOX_WEBHOOK_RETRIES: "2",
            SANDBOX_OPT_OUT_SCOPE: "",
            DEV_API_KEY: DEFAULT_DEV_API_KEY,
            TWILIO_AUTH_TOKEN: "not-for-the-sandbox",
        });
        expect(s.sandboxEnv).toEqual({ SANDBOX_FAST_TIMERS: "true", SANDBOX_WEBHOOK_RETRIES: "2" });
    });

    it("passes the lead processor's reconcile interval and conversation timers on", () => {
        const s = readSettings({ LEAD_RECONCILE_INTERVAL: "PT30S", TWILIO_CONVERSATION_CLOSED_TIMER: "PT10M" });
        expect(s.leadProcessorEnv).toEqual({
            LEAD_RECONCILE_INTERVAL: "PT30S",
            TWILIO_CONVERSATION_CLOSED_TIMER: "PT10M",
        });
        expect(readSettings({}).leadProcessorEnv).toEqual({});
    });

    it("takes every override from the environment (empty values count as unset)", () => {
        const env: Record<string, string> = {
            DEV_DATA_DIR: "/tmp/x",
            DEV_API_KEY: "",
            INTERNAL_API_TOKEN: "my-own-token-1234567",
        };
        Object.values(DEV_PORTS).forEach((def, i) => {
            env[def.env] = String(20000 + i);
        });
        const s = readSettings(env);
        expect(Object.values(s.ports)).toEqual([20000, 20001, 20002, 20003, 20004, 20005, 20006]);
        expect(s.dataDir).toBe("/tmp/x");
        expect(s.apiKey).toBe(DEFAULT_DEV_API_KEY);
        expect(s.internalToken).toBe("my-own-token-1234567");
        expect(s.internalTokenFrom).toBe("environment");
    });

    it.each([
        [{ DEV_INGRESS_PORT: "eighty" }, "DEV_INGRESS_PORT='eighty' is not a port number (1-65535)"],
        [{ DEV_PROXY_PORT: "70000" }, "DEV_PROXY_PORT='70000' is not a port number (1-65535)"],
        [
            { DEV_SANDBOX_PORT: "8080" },
            "DEV_SANDBOX_PORT and DEV_INGRESS_PORT are both 8080; each part needs its own port",
        ],
        [{ DEV_API_KEY: "not-a-uuid" }, "DEV_API_KEY 'not-a-uuid' is not a UUID (API keys are UUIDs)"],
        [
            { INTERNAL_API_TOKEN: "short" },
            "INTERNAL_API_TOKEN (from the environment or .env) must be at least 16 characters",
        ],
    ])("refuses %j with one line", (env, message) => {
        const e = error(() => readSettings(env));
        expect(e.message).toBe(message);
        expect(e.exitCode).toBe(2);
    });

    it("puts cluster nodes n2 and n3 on the Restate ports plus 1 and plus 2, only with --cluster", () => {
        expect(readSettings({}).clusterPorts).toEqual([]);
        expect(readSettings({ DEV_INGRESS_PORT: "18080" }, { cluster: true }).clusterPorts).toEqual([
            { ingress: 18081, admin: 9071, node: 5123 },
            { ingress: 18082, admin: 9072, node: 5124 },
        ]);
    });

    it.each([
        [
            { DEV_ADMIN_PORT: "8081" },
            "DEV_INGRESS_PORT + 1 and DEV_ADMIN_PORT are both 8081; each part needs its own port",
        ],
        [{ DEV_NODE_PORT: "65534" }, "DEV_NODE_PORT + 2 is 65536, not a port number (1-65535)"],
    ])("refuses %j for a cluster with one line (and not without --cluster)", (env, message) => {
        const e = error(() => readSettings(env, { cluster: true }));
        expect(e.message).toBe(message);
        expect(e.exitCode).toBe(2);
        expect(readSettings(env).clusterPorts).toEqual([]);
    });

    it("takes --cluster and refuses anything else with one line", () => {
        expect(parseDevArgs([])).toEqual({ cluster: false });
        expect(parseDevArgs(["--cluster"])).toEqual({ cluster: true });
        expect(parseDevArgs(["--help"])).toBe("help");
        const e = error(() => parseDevArgs(["--clusters"]));
        expect(e.message).toBe("unknown option '--clusters'; usage: bun run dev [--cluster]");
        expect(e.exitCode).toBe(2);
        expect(error(() => parseDevArgs(["--cluster=3"])).message).toBe(
            "--cluster takes no value; usage: bun run dev [--cluster]",
        );
    });

    it("builds the banner's create request for the seeded valid retailer", () => {
        const body = sampleCreateBody();
        expect(body).toMatchObject({
            LeadType: "WEB2TEXT",
            UniversalRetailerId: "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01",
            Lead: { LocationId: "a1e0c9d2-5b7f-4e3a-8c21-3f9d0b1a2c01", PhoneNumber: "+13125550123" },
        });
        expect(body.Lead.PageUrl).toMatch(/^https:\/\//);
        // The body goes inside single quotes in a shell command.
        expect(JSON.stringify(body)).not.toContain("'");
    });
});

describe("clear-dynamodb safety", () => {
    it("needs a local endpoint", () => {
        expect(error(() => localDynamoEndpoint({})).exitCode).toBe(2);
        expect(localDynamoEndpoint({ DYNAMODB_ENDPOINT: "http://127.0.0.1:8000/" })).toBe("http://127.0.0.1:8000");
        expect(localDynamoEndpoint({ LOCAL_DYNAMODB_URL: "http://dynamodb-local:8000" })).toBe(
            "http://dynamodb-local:8000",
        );
    });

    it.each([
        "https://dynamodb.us-east-1.amazonaws.com",
        "https://dynamodb.cn-north-1.amazonaws.com.cn",
        "https://dynamodb.us-east-1.api.aws",
    ])("refuses AWS (%s)", (endpoint) => {
        const e = error(() => localDynamoEndpoint({ DYNAMODB_ENDPOINT: endpoint }));
        expect(e.exitCode).toBe(2);
        expect(e.message).toContain("is AWS");
    });

    it("checks the table prefix like the lead processor", () => {
        expect(tablePrefixFromEnv({})).toBe("DEV");
        expect(tablePrefixFromEnv({ TABLE_PREFIX: "TEST" })).toBe("TEST");
        expect(error(() => tablePrefixFromEnv({ TABLE_PREFIX: "dev" })).exitCode).toBe(2);
    });
});
