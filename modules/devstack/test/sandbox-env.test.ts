import { describe, expect, it } from "vitest";
import { type StackUrls, sandboxProcessEnv } from "../src";

const urls: StackUrls = {
    ingress: "http://127.0.0.1:18080",
    admin: "http://127.0.0.1:19070",
    service: "http://127.0.0.1:19080",
    dynamo: "http://127.0.0.1:18000",
    proxy: "http://127.0.0.1:13000",
    sandbox: "http://127.0.0.1:14010",
};

describe("the sandbox process's settings", () => {
    it("carry the caller's behaviour settings next to the launcher's wiring", () => {
        const env = sandboxProcessEnv(urls, 14010, {
            SANDBOX_FAST_TIMERS: "true",
            SANDBOX_WEBHOOK_RETRIES: "2",
        });
        expect(env).toEqual({
            SANDBOX_FAST_TIMERS: "true",
            SANDBOX_WEBHOOK_RETRIES: "2",
            PORT: "14010",
            HOST: "127.0.0.1",
            SANDBOX_PUBLIC_URL: "http://127.0.0.1:14010",
            SANDBOX_INBOUND_WEBHOOK_URL: "http://127.0.0.1:18080/TwilioWebhooks/onIncomingMessage",
        });
    });

    it("keep the port and URLs the launcher waits on when the caller names them too", () => {
        const env = sandboxProcessEnv(urls, 14010, {
            PORT: "1",
            SANDBOX_PUBLIC_URL: "http://elsewhere.example",
            SANDBOX_INBOUND_WEBHOOK_URL: "http://elsewhere.example/hook",
        });
        expect(env).toMatchObject({
            PORT: "14010",
            SANDBOX_PUBLIC_URL: urls.sandbox,
            SANDBOX_INBOUND_WEBHOOK_URL: `${urls.ingress}/TwilioWebhooks/onIncomingMessage`,
        });
    });

    it("are only the wiring when no behaviour settings are given", () => {
        expect(Object.keys(sandboxProcessEnv(urls, 14010)).sort()).toEqual([
            "HOST",
            "PORT",
            "SANDBOX_INBOUND_WEBHOOK_URL",
            "SANDBOX_PUBLIC_URL",
        ]);
    });
});
