import { request } from "node:http";
import { HealthResponseSchema, ProxyErrorBody } from "common/twilio-proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAuthorized, parseBasicAuth } from "../src/http/basic-auth";
import { AUTH, basic, POOL, startProxy, type TestProxy } from "./helpers";

const BODY = { addresses: ["+12125550199", "+14155550199"] };

let proxy: TestProxy;
beforeAll(async () => {
    proxy = await startProxy();
});
afterAll(() => proxy.close());

describe("authentication (HTTP Basic)", () => {
    it.each([
        ["no credentials", null],
        ["a wrong password", basic(AUTH.username, "guess")],
        ["a wrong user", basic("someone", AUTH.password)],
        ["the password as the user", basic(AUTH.password, AUTH.username)],
        ["a bearer token", "Bearer abc"],
        ["garbage after Basic", "Basic %%%"],
        ["no colon", `Basic ${Buffer.from("justauser").toString("base64")}`],
    ])("answers 401 with a challenge for %s", async (_name, auth) => {
        const response = await proxy.post(BODY, { auth });
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
        expect(ProxyErrorBody.parse(await response.json())).toMatchObject({ code: "unauthorized" });
        expect(proxy.fake.callsOf("conversations.create")).toHaveLength(0);
    });

    it("checks credentials before reading the body", async () => {
        const response = await proxy.post("{not json", { auth: null });
        expect(response.status).toBe(401);
    });

    it("accepts the right credentials", async () => {
        const response = await proxy.post(BODY);
        expect(response.status).toBe(200);
    });

    it("parses Basic credentials whose password holds a colon", () => {
        expect(parseBasicAuth(basic("u", "p:a:ss"))).toEqual({ username: "u", password: "p:a:ss" });
        expect(isAuthorized(basic("u", "p:a:ss"), { username: "u", password: "p:a:ss" })).toBe(true);
        expect(isAuthorized(basic("u", "p:a:s"), { username: "u", password: "p:a:ss" })).toBe(false);
        expect(isAuthorized(undefined, { username: "", password: "" })).toBe(false);
    });
});

describe("routes and errors", () => {
    it("GET /health answers 200 with the pool size, without credentials", async () => {
        const response = await fetch(`${proxy.url}/health`);
        expect(response.status).toBe(200);
        expect(HealthResponseSchema.parse(await response.json())).toEqual({ status: "ok", poolSize: POOL.length });
    });

    it("answers 404 JSON for an unknown route", async () => {
        const response = await fetch(`${proxy.url}/session`, { method: "POST" });
        expect(response.status).toBe(404);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect(ProxyErrorBody.parse(await response.json())).toEqual({
            code: "not_found",
            message: "No route for POST /session",
        });
    });

    it("answers 405 with Allow for GET /sessions", async () => {
        const response = await fetch(`${proxy.url}/sessions`);
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe("POST");
        expect(await response.json()).toMatchObject({ code: "method_not_allowed" });
    });

    it("answers 413 for a body over 64 KB, before calling Twilio", async () => {
        const before = proxy.fake.calls.length;
        const big = { ...BODY, attributes: JSON.stringify({ note: "x".repeat(70 * 1024) }) };
        const response = await proxy.post(big);
        expect(response.status).toBe(413);
        expect(ProxyErrorBody.parse(await response.json())).toMatchObject({ code: "payload_too_large" });
        expect(proxy.fake.calls.length).toBe(before);
    });

    it("answers 413 for an oversized chunked body (no Content-Length)", async () => {
        const url = new URL(`${proxy.url}/sessions`);
        const status = await new Promise<number>((resolve, reject) => {
            const req = request(
                {
                    host: url.hostname,
                    port: url.port,
                    path: "/sessions",
                    method: "POST",
                    headers: { Authorization: basic(AUTH.username, AUTH.password), "Content-Type": "application/json" },
                },
                (res) => {
                    res.resume();
                    resolve(res.statusCode ?? 0);
                },
            );
            req.on("error", reject);
            for (let i = 0; i < 80; i++) req.write("x".repeat(1024));
            req.end();
        });
        expect(status).toBe(413);
    });

    it("answers 500 JSON, not HTML, when something unexpected breaks", async () => {
        const broken = await startProxy({
            pool: {
                size: 0,
                current: () => {
                    throw new Error("pool index corrupted");
                },
            },
        });
        try {
            const response = await broken.post(BODY);
            expect(response.status).toBe(500);
            expect(response.headers.get("content-type")).toMatch(/^application\/json/);
            expect(ProxyErrorBody.parse(await response.json())).toMatchObject({ code: "internal_error" });
            expect(broken.lines.join("\n")).toContain("pool index corrupted");
        } finally {
            await broken.close();
        }
    });

    it("logs requests with phone numbers masked", async () => {
        await proxy.post(BODY);
        const text = proxy.lines.join("\n");
        expect(text).toContain('"message":"HTTP request"');
        expect(text).not.toContain("2125550199");
        expect(text).toContain("0199");
    });
});

describe("odd request targets", () => {
    it.each(["//", "//evil.example/sessions", "/sessions/../health"])(
        "answers 404 for %s without crashing",
        async (target) => {
            const url = new URL(proxy.url);
            const status = await new Promise<number>((resolve, reject) => {
                const req = request({ host: url.hostname, port: url.port, path: target, method: "GET" }, (res) => {
                    res.resume();
                    resolve(res.statusCode ?? 0);
                });
                req.on("error", reject);
                req.end();
            });
            expect(status).toBe(404);
            const health = await fetch(`${proxy.url}/health`);
            expect(health.status).toBe(200);
        },
    );

    it("ignores the query string when routing", async () => {
        const response = await fetch(`${proxy.url}/health?probe=1`);
        expect(response.status).toBe(200);
    });
});
