import type * as restate from "@restatedev/restate-sdk";
import { tooManyRequests, unauthorized } from "common/restate";
import type { ApiKeyDirectory } from "./api-key-directory";
import { type AuthDecision, decide, decideForRecord } from "./auth-decision";
import type { KeyRateLimiter } from "./key-rate-limiter";

/** Anything with Restate's journaled `run` and the request headers: every handler context. */
type AuthContext = Pick<restate.Context, "run" | "request" | "console">;

/**
 * What an authorized request carries on to its handler: whether it came with the internal credential, and for
 * an API key when its journaled check ran (`checkedAt`: the moment the request was accepted, the same on every
 * replay, so a handler can use it as a deterministic timestamp without a clock read of its own).
 */
export interface AuthReceipt {
    internal: boolean;
    checkedAt: string | undefined;
}

/**
 * The one authorization mechanism: checks the `authorization` header of the current invocation against the
 * internal credential and the API keys (an {@link ApiKeyDirectory}: any case, refreshed every 5 s). Stored-key
 * lookups are journaled ("Verify API Key", with the time of the check) so a retried invocation sees the same
 * decision. The internal credential is configuration: comparing it is deterministic and needs no step.
 *
 * With a {@link KeyRateLimiter}, a request with a valid key authorized for the endpoint also takes a token of
 * that key's bucket inside the same step (so a replay sees the same answer and no extra round trip is made);
 * without one it answers 429 before the handler runs, with `retryAfterSeconds` in the error's metadata.
 */
export class Authorizer {
    constructor(
        private readonly keys: Pick<ApiKeyDirectory, "find">,
        private readonly internalToken: string,
        private readonly limiter?: KeyRateLimiter,
    ) {}

    async check(ctx: AuthContext, endpoint: string): Promise<AuthReceipt> {
        const header = ctx.request().headers.get("authorization");
        let checkedAt: string | undefined;
        let retryAfterSeconds: number | undefined;
        const decision: AuthDecision = await decide({
            header,
            endpoint,
            internalToken: this.internalToken,
            lookup: async (key) => {
                const verified = await ctx.run("Verify API Key", async () => {
                    const record = (await this.keys.find(key)) ?? null;
                    const allowed = record !== null && decideForRecord(record, endpoint).ok;
                    const rate = allowed ? this.limiter?.take(record.API_Key.toLowerCase()) : undefined;
                    return {
                        record,
                        at: new Date().toISOString(),
                        ...(rate && !rate.ok ? { retryAfterSeconds: rate.retryAfterSeconds } : {}),
                    };
                });
                checkedAt = verified.at;
                retryAfterSeconds = verified.retryAfterSeconds;
                return verified.record ?? undefined;
            },
        });
        if (!decision.ok) {
            ctx.console.warn("Unauthorized request", { endpoint, reason: decision.reason });
            throw unauthorized(decision.reason);
        }
        if (retryAfterSeconds !== undefined && this.limiter) {
            const limit = this.limiter.describe();
            ctx.console.warn("API key over its rate limit", { endpoint, limit, retryAfterSeconds });
            throw tooManyRequests(
                `Too many requests for this API key (limit ${limit}); retry after ${retryAfterSeconds} s`,
                retryAfterSeconds,
                { limit },
            );
        }
        return { internal: decision.internal, checkedAt };
    }
}

/**
 * Wraps a handler so its first step is the authorization check for `endpoint` (a fixed string such as
 * `Lead/create`, or derived from the raw input, as `Admin/bulk/<Operation>` is); the handler gets its receipt.
 */
export function authorized<C extends AuthContext, I, O>(
    auth: Authorizer,
    endpoint: string | ((input: I) => string),
    handler: (ctx: C, input: I, receipt: AuthReceipt) => Promise<O>,
): (ctx: C, input: I) => Promise<O> {
    return async (ctx, input) => {
        const receipt = await auth.check(ctx, typeof endpoint === "string" ? endpoint : endpoint(input));
        return handler(ctx, input, receipt);
    };
}
