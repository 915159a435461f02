import * as restate from "@restatedev/restate-sdk";
import { rawJsonSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { dealerStatus } from "./dealer-status";

/** The `Dealer` virtual object, keyed by UniversalRetailerId; it keeps no state (a shared, read-only report). */
export function createDealerObject(deps: Deps) {
    return restate.object({
        name: "Dealer",
        handlers: {
            status: restate.handlers.object.shared(
                { input: rawJsonSerde },
                authorized(deps.auth, "Dealer/status", (ctx: restate.ObjectSharedContext, _input: unknown) =>
                    dealerStatus(ctx, deps),
                ),
            ),
        },
    });
}

export type DealerObject = ReturnType<typeof createDealerObject>;
