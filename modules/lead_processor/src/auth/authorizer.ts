import type * as restate from "@restatedev/restate-sdk";
import { serviceUnavailable, tooManyRequests, unauthorized } from "common/restate";
import type { ApiKeyRecord } from "../db/api-keys.table";
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

/** What a stored-key check found (journaled as is by `check`). */
interface Verdict {
    record: ApiKeyRecord | null;
    at: string;
    retryAfterSeconds?: number;
}

/**
 * The one authorization mechanism: checks the `authorization` header of the current invocation against the
 * internal credential and the API keys (an {@link ApiKeyDirectory}: any case, refreshed every 5 s). Stored-key
 * lookups are journaled ("Verify API Key", with the time of the check) so a retried invocation sees the same
 * decision; a read-only handler may instead decide from the directory's memory ({@link Authorizer.checkReadOnly}).
 * The internal credential is configuration: comparing it is deterministic and needs no step.
 *
 * With a {@link KeyRateLimiter}, a request with a valid key authorized for the endpoint also takes a token of
 * that key's bucket inside the same step (so a replay sees the same answer and no extra round trip is made);
 * without one it answers 429 before the handler runs, with `retryAfterSeconds` in the error's metadata.
 */
export class Authorizer {
    constructor(
        private readonly keys: Pick<ApiKeyDirectory, "find" | "peek" | "warmUp">,
        private readonly internalToken: string,
        private readonly limiter?: KeyRateLimiter,
    ) {}

    /** The check of every handler that changes something: a stored key's verdict is a journaled step. */
    async check(ctx: AuthContext, endpoint: string): Promise<AuthReceipt> {
        return this.decideFor(ctx, endpoint, (key) =>
            ctx.run("Verify API Key", async () => this.verdict((await this.keys.find(key)) ?? null, endpoint)),
        );
    }

    /**
     * The check of a read-only handler, from the key directory's memory alone: no journal entry and no wait for
     * the APIKeys table, so it costs no round trip. Safe only where nothing but the answer follows: a retried
     * attempt may decide differently (a key deactivated meanwhile), and with no journaled effect after the check
     * there is nothing that decision must agree with. The handler reads its state before calling this, so every
     * attempt journals the same commands whatever the verdict. Every outcome is an answer, never a retry (Restate
     * logs a retried invocation's target, key included): a key the directory has not read yet is a 401 until its
     * next read, and with no recent read of the table in memory the answer is a 503 to retry.
     */
    async checkReadOnly(ctx: Pick<AuthContext, "request" | "console">, endpoint: string): Promise<AuthReceipt> {
        return this.decideFor(ctx, endpoint, async (key) => {
            const peeked = this.keys.peek(key);
            if (!peeked.held) throw serviceUnavailable("The API keys cannot be read at the moment; retry shortly");
            return this.verdict(peeked.record ?? null, endpoint);
        });
    }

    /** Starts reading the API keys, so the first read-only check after start-up finds them. */
    warmUp(): void {
        this.keys.warmUp();
    }

    /** A stored key's verdict: its record, the time of the check and, over the key's rate limit, when to retry. */
    private verdict(record: ApiKeyRecord | null, endpoint: string): Verdict {
        const allowed = record !== null && decideForRecord(record, endpoint).ok;
        const rate = allowed ? this.limiter?.take(record.API_Key.toLowerCase()) : undefined;
        return {
            record,
            at: new Date().toISOString(),
            ...(rate && !rate.ok ? { retryAfterSeconds: rate.retryAfterSeconds } : {}),
        };
    }

    private async decideFor(
        ctx: Pick<AuthContext, "request" | "console">,
        endpoint: string,
        verify: (key: string) => Promise<Verdict>,
    ): Promise<AuthReceipt> {
        let checkedAt: string | undefined;
        let retryAfterSeconds: number | undefined;
        const decision: AuthDecision = await decide({
            header: ctx.request().headers.get("authorization"),
            endpoint,
            internalToken: this.internalToken,
            lookup: async (key) => {
                const verified = await verify(key);
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
