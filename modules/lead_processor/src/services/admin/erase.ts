import type * as restate from "@restatedev/restate-sdk";
import { parseOrBadRequest } from "common/restate";
import { buildAttributeFilter } from "../../db/attribute-filter";
import type { Deps } from "../../deps";
import { callLeadErase, sendLeadErase } from "../internal-calls";
import { journaledStep } from "../journaled-step";
import type { LeadErasure } from "../lead/erase-lead";
import { readJsonBody } from "../request-body";
import { leadCap } from "./bulk-request";
import { scanLeads } from "./bulk-scan";
import { EraseRequest, KEPT_AT_VENDORS, KEPT_HERE } from "./erase-request";
import { fanOut, type LeadCallOutcome } from "./fan-out";

/** `POST /Admin/erase` response. */
export interface EraseResponse {
    PhoneNumber: string;
    Async: boolean;
    /** The leads of the phone found in this call (erased, or with `Async` being erased). */
    Count: number;
    LeadIds: string[];
    /** With `Async: false`: what was erased, in total and per lead. */
    Erased?: {
        Leads: number;
        ClosedFirst: number;
        ProjectionItems: number;
        StateKeys: number;
        OpenLeadEntries: number;
    };
    Results?: (LeadErasure | { LeadId: string; Error: string })[];
    /** Present when the scan stopped before the table's end: send the same request with `Cursor` set to it. */
    NextCursor?: string;
    KeptHere: readonly string[];
    KeptAtVendors: readonly string[];
}

/**
 * `Admin/erase`: finds the phone's leads by a scan of the LeadStates projection filtered on `Lead.PhoneNumber`
 * (E.164; there is no index by phone), then erases each lead through `Lead/{id}/erase` — open leads are closed
 * first, then state and projection go. The phone's opt-out record stays. Paged like Admin bulk.
 */
export async function runErase(ctx: restate.Context, input: unknown, deps: Deps): Promise<EraseResponse> {
    const request = parseOrBadRequest(EraseRequest, readJsonBody(input));
    const scan = await scanLeads(journaledStep(ctx), deps.tables.leadStates, {
        filter: buildAttributeFilter({ "Lead.PhoneNumber": request.PhoneNumber }),
        idsOnly: true,
        cap: leadCap({ Verbose: false, Async: request.Async, Limit: undefined }),
        cursor: request.Cursor,
    });
    const LeadIds = scan.items.map((item) => item.LeadId).filter((id): id is string => typeof id === "string");
    const outcomes = await fanOut(LeadIds, request.Async, {
        send: (id) => sendLeadErase(ctx, deps, id),
        call: (id) => callLeadErase(ctx, deps, id),
    });
    ctx.console.info("Erase requested", { leads: LeadIds.length, async: request.Async, more: !!scan.nextCursor });
    return {
        PhoneNumber: request.PhoneNumber,
        Async: request.Async,
        Count: LeadIds.length,
        LeadIds,
        ...(outcomes ? summarize(outcomes) : {}),
        ...(scan.nextCursor ? { NextCursor: scan.nextCursor } : {}),
        KeptHere: KEPT_HERE,
        KeptAtVendors: KEPT_AT_VENDORS,
    };
}

function summarize(outcomes: LeadCallOutcome<LeadErasure>[]): Pick<EraseResponse, "Erased" | "Results"> {
    const done = outcomes.flatMap((o) => ("Error" in o ? [] : [o.value]));
    const count = (pick: (e: LeadErasure) => number) => done.reduce((sum, e) => sum + pick(e), 0);
    return {
        Erased: {
            Leads: done.length,
            ClosedFirst: count((e) => (e.ClosedFirst ? 1 : 0)),
            ProjectionItems: count((e) => (e.ProjectionItem ? 1 : 0)),
            StateKeys: count((e) => e.StateKeys),
            OpenLeadEntries: count((e) => e.OpenLeadEntries),
        },
        Results: outcomes.map((o) => ("Error" in o ? o : o.value)),
    };
}
