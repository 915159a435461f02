import * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { SubmittedLead } from "../../lead/lead-state";
import { openLeadKeyOf } from "../../lead/open-lead-key";
import { callLeadClose } from "../internal-calls";
import { callOpenLeadClaim, sendOpenLeadAdd, sendOpenLeadForget } from "../open-leads/open-lead-calls";

/** The close reason of a lead a resubmit replaced. */
export const replacedReason = (newLeadId: string) => `Replaced by lead ${newLeadId}`;

const entryOf = (lead: SubmittedLead) => ({ LeadId: lead.LeadId, DateSubmitted: lead.DateSubmitted });

/**
 * How the Lead object keeps the open-lead index in step with its own state. Each change is a journaled call or
 * send in the same invocation as the state change it follows, so a crash never leaves one without the other.
 *
 * A new lead is added to its key; with `ReplaceOpenLead` it claims the key instead (the index object runs one
 * claim at a time, so racing resubmits are ordered) and every lead it displaced is closed with "Replaced by lead
 * <id>" through the usual close before the create answers, so the new lead's sync finds the old thread already
 * closed (or still open when another lead shares it). A displaced lead that cannot be closed (an unknown id: 409)
 * is logged and skipped; the index no longer lists it.
 */
export async function indexNewLead(
    ctx: restate.ObjectContext,
    deps: Deps,
    lead: SubmittedLead,
    replace: boolean,
): Promise<void> {
    const key = openLeadKeyOf(lead);
    if (!key) return;
    if (!replace) return sendOpenLeadAdd(ctx, deps, key, entryOf(lead));
    const displaced = await callOpenLeadClaim(ctx, deps, key, entryOf(lead));
    const closes = displaced.map((old) => callLeadClose(ctx, deps, old.LeadId, replacedReason(lead.LeadId)));
    const outcomes = await restate.RestatePromise.allSettled(closes);
    outcomes.forEach((outcome, i) => {
        if (outcome.status === "rejected") {
            ctx.console.warn("Replaced lead could not be closed", {
                leadId: displaced[i]?.LeadId,
                error: outcome.reason,
            });
        }
    });
    ctx.console.info("Lead replaced the customer's open leads", { leadId: lead.LeadId, replaced: displaced.length });
}

/** A lead taken over from DynamoDB (state wiped, or the system this replaces) is indexed again while open. */
export function indexTakenOverLead(ctx: restate.ObjectContext, deps: Deps, lead: SubmittedLead): void {
    const key = openLeadKeyOf(lead);
    if (key && lead.Status !== "CLOSED") sendOpenLeadAdd(ctx, deps, key, entryOf(lead));
}

/**
 * A lead leaves the index: sent on every close and when its personal data is forgotten (a repeated forget
 * changes nothing). Whether the lead is of a type the index holds (and so was asked to leave it).
 */
export function unindexLead(ctx: restate.ObjectContext, deps: Deps, lead: SubmittedLead): boolean {
    const key = openLeadKeyOf(lead);
    if (key) sendOpenLeadForget(ctx, deps, key, lead.LeadId);
    return key !== undefined;
}
