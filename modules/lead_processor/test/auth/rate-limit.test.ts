import { describe, expect, it } from "vitest";
import { Authorizer } from "../../src/auth/authorizer";
import { KeyRateLimiter } from "../../src/auth/key-rate-limiter";
import { RateLimitSetting } from "../../src/config-rate-limit";
import type { ApiKeyRecord } from "../../src/db/api-keys.table";
import { context } from "./fake-context";

const KEY = "2b0c7a4e-1111-4a2b-8c3d-000000000001";
const OTHER = "2b0c7a4e-1111-4a2b-8c3d-000000000002";
const INTERNAL = "internal-credential-0123456789";

describe("API_KEY_RATE_LIMIT", () => {
    it.each([
        ["20/s burst 40", { perSecond: 20, burst: 40 }],
        ["20/s", { perSecond: 20, burst: 20 }],
        ["0.5/s burst 2", { perSecond: 0.5, burst: 2 }],
        ["  5/s   burst 5 ", { perSecond: 5, burst: 5 }],
        ["off", "off"],
    ])("reads %j", (text, expected) => {
        expect(RateLimitSetting.parse(text)).toEqual(expected);
    });

    it.each(["20", "20/m", "0/s", "20/s burst 10", "0.5/s", "fast", "-1/s burst 2"])(
        "refuses %j, naming the form",
        (text) => {
            const result = RateLimitSetting.safeParse(text);
            expect(result.success).toBe(false);
            expect(result.error?.issues[0]?.message).toContain("write '<n>/s burst <m>'");
        },
    );
});

describe("KeyRateLimiter", () => {
    it("allows a burst, then refills at the rate; each key has its own bucket", () => {
        let now = 1_000_000;
        const limiter = new KeyRateLimiter({ perSecond: 2, burst: 3 }, 100, () => now);
        expect([1, 2, 3].map(() => limiter.take("a"))).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
        expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 1 });
        expect(limiter.take("b")).toEqual({ ok: true });
        now += 500; // one token back at 2/s
        expect(limiter.take("a")).toEqual({ ok: true });
        expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 1 });
        now += 60_000; // long quiet: full again, never more than the burst
        expect([1, 2, 3, 4].map(() => limiter.take("a").ok)).toEqual([true, true, true, false]);
    });

    it("says how many whole seconds until the next token at a slow rate", () => {
        let now = 0;
        const limiter = new KeyRateLimiter({ perSecond: 0.25, burst: 1 }, 100, () => now);
        expect(limiter.take("a").ok).toBe(true);
        expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 4 });
        now += 1_000;
        expect(limiter.take("a")).toEqual({ ok: false, retryAfterSeconds: 3 });
    });

    it("keeps at most maxKeys buckets: the least recently used key is forgotten (and starts full again)", () => {
        const limiter = new KeyRateLimiter({ perSecond: 1, burst: 1 }, 2, () => 0);
        expect(limiter.take("a").ok).toBe(true);
        expect(limiter.take("b").ok).toBe(true);
        expect(limiter.take("c").ok).toBe(true); // evicts a
        expect(limiter.take("b").ok).toBe(false);
        expect(limiter.take("a").ok).toBe(true);
    });
});

const record = (key: string, endpoints = ["Lead/create"]): ApiKeyRecord => ({
    API_Key: key,
    Active: true,
    AuthorizedEndpoints: endpoints,
    DateCreated: "2026-01-01T00:00:00.000Z",
});

describe("Authorizer with a rate limit", () => {
    const held = (key: string) => [record(KEY), record(OTHER)].find((r) => r.API_Key === key.toLowerCase());
    const keys = {
        find: async (key: string) => held(key),
        peek: (key: string) => ({ held: true as const, record: held(key) }),
        warmUp: () => undefined,
    };
    const authorizer = () =>
        new Authorizer(keys, INTERNAL, new KeyRateLimiter({ perSecond: 1, burst: 2 }, 100, () => 0));

    it("answers 429 with retryAfterSeconds and the limit once a key's burst is spent; other keys go on", async () => {
        const auth = authorizer();
        await auth.check(context(`Bearer ${KEY}`).ctx, "Lead/create");
        await auth.check(context(`Bearer ${KEY.toUpperCase()}`).ctx, "Lead/create");
        const refused = auth.check(context(`Bearer ${KEY}`).ctx, "Lead/create");
        await expect(refused).rejects.toMatchObject({
            code: 429,
            message: "Too many requests for this API key (limit 1/s burst 2); retry after 1 s",
            metadata: { retryAfterSeconds: "1", limit: "1/s burst 2" },
        });
        await expect(auth.check(context(`Bearer ${OTHER}`).ctx, "Lead/create")).resolves.toMatchObject({
            internal: false,
        });
    });

    it("takes the token inside the journaled key check, and never for the internal credential or a refused key", async () => {
        const auth = authorizer();
        const first = context(`Bearer ${KEY}`);
        await auth.check(first.ctx, "Lead/create");
        expect(first.steps).toEqual(["Verify API Key"]);
        for (let i = 0; i < 5; i++) await auth.check(context(INTERNAL).ctx, "Lead/create");
        for (let i = 0; i < 5; i++) {
            await expect(auth.check(context(`Bearer ${KEY}`).ctx, "Dealer/status")).rejects.toMatchObject({
                code: 401,
            });
        }
        await expect(auth.check(context(`Bearer ${KEY}`).ctx, "Lead/create")).resolves.toBeDefined();
    });

    it("without a limiter ('off') never answers 429", async () => {
        const auth = new Authorizer(keys, INTERNAL);
        for (let i = 0; i < 20; i++) {
            await expect(auth.check(context(`Bearer ${KEY}`).ctx, "Lead/create")).resolves.toMatchObject({
                internal: false,
            });
        }
    });
});

describe("the service's setting", () => {
    it("defaults to 50/s burst 100 and is documented in .env.example (env-example test)", async () => {
        const { LeadProcessorSettings } = await import("../../src/config");
        expect(LeadProcessorSettings.shape.API_KEY_RATE_LIMIT.parse(undefined)).toEqual({ perSecond: 50, burst: 100 });
    });
});
