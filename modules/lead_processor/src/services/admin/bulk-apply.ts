import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { LeadStateView } from "../../lead/lead-state";
import { callLeadClose, callLeadSync, sendLeadClose, sendLeadSync } from "../internal-calls";
import { ADMIN_CLOSE_REASON, type BulkRequest } from "./bulk-request";
import { fanOut, type LeadFanOut } from "./fan-out";

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
    const reach: LeadFanOut<LeadStateView> =
        request.Operation === "SYNC"
            ? { send: (id) => sendLeadSync(ctx, deps, id), call: (id) => callLeadSync(ctx, deps, id) }
            : {
                  send: (id) => sendLeadClose(ctx, deps, id, reason),
                  call: (id) => callLeadClose(ctx, deps, id, reason),
              };
    const outcomes = await fanOut(ids, request.Async, reach);
    if (!outcomes) return reported;
    return outcomes.map((outcome): unknown => {
        if ("Error" in outcome) return outcome;
        return request.Verbose ? outcome.value : { LeadId: outcome.LeadId, Status: outcome.value.Status };
    });
}
