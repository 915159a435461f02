import type * as restate from "@restatedev/restate-sdk";
import { badRequest, parseOrBadRequest } from "common/restate";
import { type AttributeFilter, buildAttributeFilter, FilterError } from "../../db/attribute-filter";
import type { Deps } from "../../deps";
import { journaledStep } from "../journaled-step";
import { readJsonBody } from "../request-body";
import { applyBulk } from "./bulk-apply";
import { BulkRequest, leadCap } from "./bulk-request";
import { scanLeads } from "./bulk-scan";

/** `POST /Admin/bulk` response. `NextCursor` is present when more leads may match (see `BulkRequest`). */
export interface BulkResponse {
    Count: number;
    Result: unknown[];
    NextCursor?: string;
}

/**
 * `Admin/bulk`: scan the LeadStates projection for leads matching `Filter`, then FIND, SYNC or CLOSE them.
 * One call handles at most 10,000 leads (1,000 when Verbose or Async is false) and 50 scan pages; callers
 * page with `Cursor`/`NextCursor`, or narrow with a Filter such as `{"Status": "ACTIVE"}`.
 */
export async function runBulk(ctx: restate.Context, input: unknown, deps: Deps): Promise<BulkResponse> {
    const request = parseOrBadRequest(BulkRequest, readJsonBody(input));
    const filter = parseFilter(request.Filter);
    const scan = await scanLeads(journaledStep(ctx), deps.tables.leadStates, {
        filter,
        idsOnly: !request.Verbose,
        cap: leadCap(request),
        cursor: request.Cursor,
    });
    const Result = await applyBulk(ctx, deps, request, scan.items);
    ctx.console.info("Bulk operation done", {
        operation: request.Operation,
        filter: request.Filter,
        async: request.Async,
        count: scan.items.length,
        more: scan.nextCursor !== undefined,
    });
    return { Count: scan.items.length, Result, ...(scan.nextCursor ? { NextCursor: scan.nextCursor } : {}) };
}

function parseFilter(filter: unknown): AttributeFilter | undefined {
    if (filter === "*") return undefined;
    try {
        return buildAttributeFilter(filter);
    } catch (error) {
        if (error instanceof FilterError) throw badRequest(`Error parsing Filter parameter - ${error.message}`);
        throw error;
    }
}
