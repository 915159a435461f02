import { ConfigError, loadConfig } from "common";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { SandboxConfig, settingsFromEnv } from "../src/config";
import { seed } from "../src/seed";
import { CATALOG } from "../src/settings/catalog";
import { DEFAULT_SETTINGS } from "../src/settings/settings";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const call = async (method: string, path: string, body?: unknown) => {
    const res = await sb.fetch(
        new Request(`http://sandbox.test${path}`, {
            method,
            ...(body === undefined
                ? {}
                : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
        }),
    );
    return { status: res.status, body: z.unknown().parse(await res.json()) };
};

/** The defaults the documentation calls for (SETTINGS.md): written out, so a changed default fails here. */
const DOCUMENTED_DEFAULTS = {
    vendorIdempotency: false,
    restActionsFireWebhooks: "with-header",
    webhookRetries: 0,
    stopRouting: "conversation",
    optOutScope: "messaging-service",
    fastTimers: false,
};

describe("GET/PUT/DELETE /__sandbox/settings", () => {
    it("starts with the documented defaults", async () => {
        expect(await call("GET", "/__sandbox/settings")).toEqual({ status: 200, body: DOCUMENTED_DEFAULTS });
        expect(DEFAULT_SETTINGS).toEqual(DOCUMENTED_DEFAULTS);
    });

    it("merges a partial object and answers the whole", async () => {
        const put = await call("PUT", "/__sandbox/settings", { stopRouting: "both", webhookRetries: 2 });
        expect(put).toEqual({ status: 200, body: { ...DOCUMENTED_DEFAULTS, stopRouting: "both", webhookRetries: 2 } });
        await call("PUT", "/__sandbox/settings", { fastTimers: true });
        expect((await call("GET", "/__sandbox/settings")).body).toEqual({
            ...DOCUMENTED_DEFAULTS,
            stopRouting: "both",
            webhookRetries: 2,
            fastTimers: true,
        });
        expect(sb.settings.current.fastTimers).toBe(true);
    });

    it("refuses a bad body with 400 naming the field, and changes nothing", async () => {
        await call("PUT", "/__sandbox/settings", { optOutScope: "number" });
        const before = (await call("GET", "/__sandbox/settings")).body;
        for (const [body, field] of [
            [{ stopRouting: "everywhere", fastTimers: true }, "stopRouting"],
            [{ webhookRetries: -1 }, "webhookRetries"],
            [{ vendorIdempotency: "yes" }, "vendorIdempotency"],
            [{ fastTimer: true }, "fastTimer"],
        ] as const) {
            const res = await call("PUT", "/__sandbox/settings", body);
            expect(res.status).toBe(400);
            expect(res.body).toMatchObject({ code: 400, message: expect.stringContaining(field) });
        }
        expect((await call("PUT", "/__sandbox/settings", "not json")).status).toBe(400);
        expect((await call("PUT", "/__sandbox/settings")).status).toBe(400);
        expect((await call("GET", "/__sandbox/settings")).body).toEqual(before);
    });

    it("DELETE goes back to the values the sandbox started with", async () => {
        const started = createSandbox({ seed, publicUrl: "http://other.test", settings: { webhookRetries: 3 } });
        try {
            started.settings.update({ webhookRetries: 1, stopRouting: "both" });
            const res = await started.fetch(new Request("http://other.test/__sandbox/settings", { method: "DELETE" }));
            expect(await res.json()).toEqual({ ...DOCUMENTED_DEFAULTS, webhookRetries: 3 });
        } finally {
            started.close();
        }
    });
});

describe("SANDBOX_* environment variables (read at start in src/config.ts)", () => {
    it("set each setting at start; unset ones keep their defaults", () => {
        const config = loadConfig("sandbox", SandboxConfig, {
            SANDBOX_VENDOR_IDEMPOTENCY: "true",
            SANDBOX_REST_ACTIONS_FIRE_WEBHOOKS: "always",
            SANDBOX_WEBHOOK_RETRIES: "2",
            SANDBOX_STOP_ROUTING: "inbound-webhook",
            SANDBOX_OPT_OUT_SCOPE: "number",
            SANDBOX_FAST_TIMERS: "1",
        });
        const started = createSandbox({ seed, publicUrl: "http://env.test", settings: settingsFromEnv(config) });
        try {
            expect(started.settings.current).toEqual({
                vendorIdempotency: true,
                restActionsFireWebhooks: "always",
                webhookRetries: 2,
                stopRouting: "inbound-webhook",
                optOutScope: "number",
                fastTimers: true,
            });
        } finally {
            started.close();
        }
        const none = createSandbox({
            seed,
            publicUrl: "http://env.test",
            settings: settingsFromEnv(loadConfig("sandbox", SandboxConfig, {})),
        });
        expect(none.settings.current).toEqual(DOCUMENTED_DEFAULTS);
        none.close();
    });

    it("refuses a bad value, naming the variable", () => {
        const load = () => loadConfig("sandbox", SandboxConfig, { SANDBOX_STOP_ROUTING: "nowhere" });
        expect(load).toThrow(ConfigError);
        expect(load).toThrow(/SANDBOX_STOP_ROUTING/);
        expect(() => loadConfig("sandbox", SandboxConfig, { SANDBOX_WEBHOOK_RETRIES: "many" })).toThrow(
            /SANDBOX_WEBHOOK_RETRIES/,
        );
    });

    it("are the ones the catalog (page, SETTINGS.md) names", () => {
        const envNames = Object.keys(SandboxConfig.shape).filter((name) =>
            Object.values(CATALOG).some((setting) => setting.env === name),
        );
        expect(envNames.sort()).toEqual(
            Object.values(CATALOG)
                .map((setting) => setting.env)
                .sort(),
        );
        expect(Object.keys(CATALOG).sort()).toEqual(Object.keys(DOCUMENTED_DEFAULTS).sort());
    });
});

describe("the settings on the sandbox page", () => {
    const Described = z.array(
        z.object({
            name: z.string(),
            env: z.string(),
            value: z.unknown(),
            default: z.unknown(),
            summary: z.string().min(20),
            sources: z.array(z.object({ title: z.string(), url: z.string().optional() })).min(1),
            testOnly: z.literal(true).optional(),
        }),
    );

    it("GET /__sandbox/settings/catalog lists each setting with its value, default and documentation", async () => {
        await call("PUT", "/__sandbox/settings", { webhookRetries: 1 });
        const described = Described.parse((await call("GET", "/__sandbox/settings/catalog")).body);
        expect(described.map((s) => s.name)).toEqual(Object.keys(DOCUMENTED_DEFAULTS));
        expect(described.find((s) => s.name === "webhookRetries")).toMatchObject({ value: 1, default: 0 });
        for (const setting of described) {
            expect(setting.sources.some((source) => source.url?.startsWith("https://"))).toBe(true);
        }
        expect(described.filter((s) => s.testOnly).map((s) => s.name)).toEqual(["fastTimers"]);
    });

    it("the page has a settings panel that labels test-only acceleration", async () => {
        const page = await (await sb.fetch(new Request("http://sandbox.test/"))).text();
        expect(page).toContain('id="settings-rows"');
        expect(page).toContain("/page/settings.js");
        const script = await sb.fetch(new Request("http://sandbox.test/page/settings.js"));
        expect(script.headers.get("content-type")).toContain("javascript");
        const source = await script.text();
        expect(source).toContain("/__sandbox/settings/catalog");
        expect(source).toContain("test-only acceleration");
    });
});
