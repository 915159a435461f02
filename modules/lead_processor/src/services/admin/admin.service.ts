import * as restate from "@restatedev/restate-sdk";
import { rawJsonSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { runBulk } from "./bulk";
import { bulkEndpoint } from "./bulk-request";
import { runErase } from "./erase";
import { ERASE_ENDPOINT } from "./erase-request";

/**
 * The `Admin` service: bulk operations over leads, authorized per operation (`Admin/bulk/<Operation>`), and the
 * erasure of everything held about a phone number (`Admin/erase`).
 */
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
            erase: restate.handlers.handler(
                { input: rawJsonSerde },
                authorized(deps.auth, ERASE_ENDPOINT, (ctx: restate.Context, input: unknown) =>
                    runErase(ctx, input, deps),
                ),
            ),
        },
    });
}

export type AdminService = ReturnType<typeof createAdminService>;
