import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { SubmittedLead } from "../../lead/lead-state";
import { unindexLead } from "./open-lead-index";

/** What forgetting one lead removed. */
export interface ForgottenLead {
    /** How many keys of the lead's Restate state were cleared. */
    StateKeys: number;
    /** Whether the lead had a projection item (it is deleted either way). */
    ProjectionItem: boolean;
    /** How many open-lead index entries were removed. */
    OpenLeadEntries: number;
}

/**
 * The one way a lead's personal data goes, for both its expiry after `LEAD_RETENTION` and `Admin/erase`: every
 * key of its Restate state is cleared (the lead, its Nexus answers, its timers' tokens), its projection item is
 * deleted, and its open-lead index entry removed. Later calls for the lead find nothing (`NONEXISTANT`, 409 for
 * sync and close): a pending reconcile or a late webhook cannot bring it back.
 */
export async function forgetLead(
    ctx: restate.ObjectContext,
    deps: Deps,
    lead: SubmittedLead | undefined,
): Promise<ForgottenLead> {
    const keys = await ctx.stateKeys();
    ctx.clearAll();
    const deleted = await ctx.run("Delete lead from DynamoDB", () => deps.tables.leadStates.delete(ctx.key));
    const OpenLeadEntries = lead && unindexLead(ctx, deps, lead) ? 1 : 0;
    ctx.console.info("Lead's personal data removed", { leadId: ctx.key, stateKeys: keys.length });
    return { StateKeys: keys.length, ProjectionItem: deleted, OpenLeadEntries };
}
