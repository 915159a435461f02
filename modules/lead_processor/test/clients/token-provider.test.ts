import { describe, expect, it } from "vitest";
import { VendorError } from "../../src/clients/http";
import { type IssuedToken, TokenProvider } from "../../src/clients/token-provider";

/** A provider over a counting issuer (t1, t2, …) and a clock the test moves. */
function provider(lifetimeSeconds: number | undefined = 3600) {
    const clock = { now: 0 };
    let issued = 0;
    const issue = async (): Promise<IssuedToken> => {
        issued += 1;
        return { value: `t${issued}`, expiresInSeconds: lifetimeSeconds };
    };
    const tokens = new TokenProvider({ issue, now: () => clock.now });
    return { tokens, clock, issued: () => issued };
}

const unauthorized = () => new VendorError("API", "rejected", "answered 401", 401);

/** Runs an API call through `withToken` that always fails with `error`; counts the attempts. */
async function alwaysFailing(tokens: TokenProvider, error: VendorError) {
    let attempts = 0;
    const outcome = await tokens
        .withToken(async () => {
            attempts += 1;
            throw error;
        })
        .catch((e: unknown) => e);
    return { outcome, attempts };
}

describe("TokenProvider", () => {
    it("reuses a token until a minute before it expires", async () => {
        const { tokens, clock, issued } = provider(3600);
        expect(await tokens.token()).toBe("t1");
        clock.now = 59 * 60 * 1000 - 1;
        expect(await tokens.token()).toBe("t1");
        clock.now = 59 * 60 * 1000;
        expect(await tokens.token()).toBe("t2");
        expect(issued()).toBe(2);
    });

    it("keeps a short-lived token for half its lifetime, and assumes an hour when none is stated", async () => {
        const short = provider(10);
        await short.tokens.token();
        short.clock.now = 4_999;
        expect(await short.tokens.token()).toBe("t1");
        short.clock.now = 5_000;
        expect(await short.tokens.token()).toBe("t2");

        const unstated = provider(undefined);
        await unstated.tokens.token();
        unstated.clock.now = 58 * 60 * 1000;
        expect(await unstated.tokens.token()).toBe("t1");
    });

    it("shares one in-flight request between concurrent callers", async () => {
        const { tokens, issued } = provider();
        const all = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
        expect(all).toEqual(["t1", "t1", "t1"]);
        expect(issued()).toBe(1);
    });

    it("does not cache a failed request", async () => {
        let calls = 0;
        const tokens = new TokenProvider({
            issue: async () => {
                calls += 1;
                if (calls === 1) throw new VendorError("Auth", "unavailable", "answered 503", 503);
                return { value: "good" };
            },
        });
        await expect(tokens.token()).rejects.toMatchObject({ kind: "unavailable" });
        expect(await tokens.token()).toBe("good");
    });

    it("withToken: a 401 drops the token and runs the call once more with a fresh one", async () => {
        const { tokens, issued } = provider();
        const used: string[] = [];
        const result = await tokens.withToken(async (token) => {
            used.push(token);
            if (token === "t1") throw unauthorized();
            return "ok";
        });
        expect(result).toBe("ok");
        expect(used).toEqual(["t1", "t2"]);
        expect(await tokens.token()).toBe("t2");
        expect(issued()).toBe(2);
    });

    it("withToken: a second 401 is the caller's error (no retry storm)", async () => {
        const { tokens, issued } = provider();
        const refused = await alwaysFailing(tokens, unauthorized());
        expect(refused.outcome).toMatchObject({ status: 401, retryable: false });
        expect([refused.attempts, issued()]).toEqual([2, 2]);
    });

    it("withToken: other failures are not retried, and a refused token request is not retried either", async () => {
        const { tokens, issued } = provider();
        const forbidden = await alwaysFailing(tokens, new VendorError("API", "rejected", "answered 403", 403));
        expect(forbidden.outcome).toMatchObject({ status: 403 });
        expect([forbidden.attempts, issued()]).toEqual([1, 1]);

        let issues = 0;
        const refused = new TokenProvider({
            issue: async () => {
                issues += 1;
                throw new VendorError("Auth", "rejected", "answered 401", 401);
            },
        });
        let apiCalls = 0;
        await expect(refused.withToken(async () => (apiCalls += 1))).rejects.toMatchObject({ vendor: "Auth" });
        expect([issues, apiCalls]).toEqual([1, 0]);
    });

    it("invalidate keeps a newer token than the one refused", async () => {
        const { tokens, clock } = provider(3600);
        await tokens.token();
        clock.now = 60 * 60 * 1000;
        expect(await tokens.token()).toBe("t2");
        tokens.invalidate("t1");
        expect(await tokens.token()).toBe("t2");
    });
});
