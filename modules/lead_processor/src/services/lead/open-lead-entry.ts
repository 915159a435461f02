import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { SubmittedLead } from "../../lead/lead-state";

/**
 * Where forgetting a lead removes it from the open-lead index: the `OpenLeads` virtual object of issue 17, keyed
 * `openLeadKey(RetailerId, LocationId, E.164 phone)`, through its own `forget` handler (a one-way send, so the
 * index is updated in its own invocation and an erase never waits on it). This branch does not have that object
 * yet (it comes with the `open-lead` branch); until it is merged here, no index exists, nothing is removed and the
 * erase reports 0 index entries. Returns how many entries it asked the index to remove.
 */
export function forgetOpenLeadEntry(
    _ctx: restate.ObjectContext,
    _deps: Deps,
    _lead: SubmittedLead | undefined,
): number {
    return 0;
}
