import type * as restate from "@restatedev/restate-sdk";
import { isoDurationMs } from "common";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import type { SubmittedLead } from "../../lead/lead-state";
import type { LeadTypeRegistry } from "../../lead/registry";
import { sendLeadReconcile } from "../internal-calls";

/**
 * The Restate state key holding the token of the lead's pending reconcile. One token, so one timer chain per
 * lead: a reconcile that arrives with another token is stale and does nothing.
 */
export const RECONCILE_TOKEN_KEY = "reconcileToken";

/** `LEAD_RECONCILE_INTERVAL` in milliseconds (the setting is validated at start-up). */
export function reconcileDelayMs(deps: Deps): number {
    return isoDurationMs(deps.config.LEAD_RECONCILE_INTERVAL) ?? 3_600_000;
}

/**
 * Schedules the lead's next `reconcile` one interval from now unless one is pending (its token is held): a
 * delayed one-way send to itself, with a fresh token kept in the lead's state. Only for an open lead of a type
 * that reconciles. No journaled clock read: the delay is relative.
 */
export async function ensureReconcileScheduled(
    ctx: restate.ObjectContext,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
    lead: SubmittedLead,
): Promise<void> {
    if (lead.Status === "CLOSED" || !registry.reconciles(lead)) return;
    if (await ctx.get<string>(RECONCILE_TOKEN_KEY)) return;
    const token = ctx.rand.uuidv4();
    ctx.set(RECONCILE_TOKEN_KEY, token);
    sendLeadReconcile(ctx, deps, lead.LeadId, token, reconcileDelayMs(deps));
}
