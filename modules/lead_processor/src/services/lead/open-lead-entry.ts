import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { SubmittedLead } from "../../lead/lead-state";
import { unindexLead } from "./open-lead-index";

/**
 * Where forgetting a lead removes it from the open-lead index: the `OpenLeads` virtual object keyed
 * `openLeadKey(RetailerId, LocationId, E.164 phone)`, through its own `forget` handler (a one-way send, so the
 * index is updated in its own invocation and an erase never waits on it). Returns how many entries it asked the
 * index to remove: 1 for a WEB2TEXT lead, 0 for another type or a lead already gone.
 */
export function forgetOpenLeadEntry(ctx: restate.ObjectContext, deps: Deps, lead: SubmittedLead | undefined): number {
    return lead && unindexLead(ctx, deps, lead) ? 1 : 0;
}
