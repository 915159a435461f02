import * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import { callLeadClose, callLeadSync, sendLeadClose, sendLeadSync } from "../internal-calls";
import { ADMIN_CLOSE_REASON, type BulkRequest } from "./bulk-request";

/** One lead's outcome when the caller waits (`Async: false`) and asks for no details. */
export type LeadOutcome = { LeadId: string; Status: string } | { LeadId: string; Error: string };

/**
 * Applies the operation to the scanned leads. FIND only reports; SYNC and CLOSE send one-way calls
 * (`Async: true`) or call every lead and wait for all of them, reporting each lead's own outcome.
 */
export async function applyBulk(
    ctx: restate.Context,
    deps: Deps,
    request: BulkRequest,
    items: Record<string, unknown>[],
): Promise<unknown[]> {
    const ids = items.map((item) => item.LeadId).filter((id): id is string => typeof id === "string");
    const reported = request.Verbose ? items : ids;
    if (request.Operation === "FIND") return reported;
    const reason = request.Reason ?? ADMIN_CLOSE_REASON;
    if (request.Async) {
        for (const id of ids) {
            if (request.Operation === "SYNC") sendLeadSync(ctx, deps, id);
            else sendLeadClose(ctx, deps, id, reason);
        }
        return reported;
    }
    const calls = ids.map((id) =>
        request.Operation === "SYNC" ? callLeadSync(ctx, deps, id) : callLeadClose(ctx, deps, id, reason),
    );
    const settled = await restate.RestatePromise.allSettled(calls);
    return settled.map((outcome, i): unknown => {
        const LeadId = ids[i] ?? "";
        if (outcome.status === "rejected") return { LeadId, Error: errorMessage(outcome.reason) };
        return request.Verbose ? outcome.value : { LeadId, Status: outcome.value.Status };
    });
}

function errorMessage(error: unknown): string {
    if (error instanceof restate.TerminalError) return `${error.code}: ${error.message}`;
    return error instanceof Error ? error.message : String(error);
}
