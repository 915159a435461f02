import * as restate from "@restatedev/restate-sdk";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";

/** The `Lead` virtual object, keyed by the lead's UUID. */
export function createLeadObject(deps: Deps) {
    return restate.object({
        name: "Lead",
        handlers: {
            /** Returns the lead's state, or `{Status: "NONEXISTANT"}` for an unknown lead. */
            status: restate.handlers.object.shared(
                authorized(deps.auth, "Lead/status", async (ctx: restate.ObjectSharedContext, _input: unknown) => {
                    const lead = await ctx.get<Record<string, unknown>>("lead");
                    return lead ?? { Status: "NONEXISTANT" };
                }),
            ),
        },
    });
}

export type LeadObject = ReturnType<typeof createLeadObject>;
