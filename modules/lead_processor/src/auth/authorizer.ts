import type * as restate from "@restatedev/restate-sdk";
import { unauthorized } from "common/restate";
import type { ApiKeyDirectory } from "./api-key-directory";
import { type AuthDecision, decide } from "./auth-decision";

/** Anything with Restate's journaled `run` and the request headers: every handler context. */
type AuthContext = Pick<restate.Context, "run" | "request" | "console">;

/**
 * The one authorization mechanism: checks the `authorization` header of the current invocation against the
 * internal credential and the API keys (an {@link ApiKeyDirectory}: any case, refreshed every 5 s). Stored-key
 * lookups are journaled ("Verify API Key") so a retried invocation sees the same decision.
 */
export class Authorizer {
    constructor(
        private readonly keys: Pick<ApiKeyDirectory, "find">,
        private readonly internalToken: string,
    ) {}

    async check(ctx: AuthContext, endpoint: string): Promise<void> {
        const header = ctx.request().headers.get("authorization");
        const decision: AuthDecision = await decide({
            header,
            endpoint,
            internalToken: this.internalToken,
            lookup: async (key) =>
                (await ctx.run("Verify API Key", async () => (await this.keys.find(key)) ?? null)) ?? undefined,
        });
        if (!decision.ok) {
            ctx.console.warn("Unauthorized request", { endpoint, reason: decision.reason });
            throw unauthorized(decision.reason);
        }
    }
}

/**
 * Wraps a handler so its first step is the authorization check for `endpoint` (a fixed string such as
 * `Lead/create`, or derived from the raw input, as `Admin/bulk/<Operation>` is).
 */
export function authorized<C extends AuthContext, I, O>(
    auth: Authorizer,
    endpoint: string | ((input: I) => string),
    handler: (ctx: C, input: I) => Promise<O>,
): (ctx: C, input: I) => Promise<O> {
    return async (ctx, input) => {
        await auth.check(ctx, typeof endpoint === "string" ? endpoint : endpoint(input));
        return handler(ctx, input);
    };
}
