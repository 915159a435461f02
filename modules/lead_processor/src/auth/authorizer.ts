import type * as restate from "@restatedev/restate-sdk";
import { unauthorized } from "common/restate";
import type { ApiKeyDirectory } from "./api-key-directory";
import { type AuthDecision, decide } from "./auth-decision";

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
 */
export class Authorizer {
    constructor(
        private readonly keys: Pick<ApiKeyDirectory, "find">,
        private readonly internalToken: string,
    ) {}

    async check(ctx: AuthContext, endpoint: string): Promise<AuthReceipt> {
        const header = ctx.request().headers.get("authorization");
        let checkedAt: string | undefined;
        const decision: AuthDecision = await decide({
            header,
            endpoint,
            internalToken: this.internalToken,
            lookup: async (key) => {
                const verified = await ctx.run("Verify API Key", async () => ({
                    record: (await this.keys.find(key)) ?? null,
                    at: new Date().toISOString(),
                }));
                checkedAt = verified.at;
                return verified.record ?? undefined;
            },
        });
        if (!decision.ok) {
            ctx.console.warn("Unauthorized request", { endpoint, reason: decision.reason });
            throw unauthorized(decision.reason);
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
