import * as restate from "@restatedev/restate-sdk";
import { rawJsonSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { runBulk } from "./bulk";
import { bulkEndpoint } from "./bulk-request";

/** The `Admin` service: bulk operations over leads, authorized per operation (`Admin/bulk/<Operation>`). */
export function createAdminService(deps: Deps) {
    return restate.service({
        name: "Admin",
        handlers: {
            bulk: restate.handlers.handler(
                { input: rawJsonSerde },
                authorized(deps.auth, bulkEndpoint, (ctx: restate.Context, input: unknown) =>
                    runBulk(ctx, input, deps),
                ),
            ),
        },
    });
}

export type AdminService = ReturnType<typeof createAdminService>;
