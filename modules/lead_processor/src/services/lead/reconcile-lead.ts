import type * as restate from "@restatedev/restate-sdk";
import { parseOrBadRequest } from "common/restate";
import { z } from "zod";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import type { LeadTypeRegistry } from "../../lead/registry";
import { readJsonBody } from "../request-body";
import { requireLeadId } from "./lead-guards";
import { loadLead } from "./lead-store";
import { ensureReconcileScheduled, RECONCILE_TOKEN_KEY } from "./reconcile-timer";
import { syncPass } from "./sync-lead";

/** The body of the internal `Lead/{id}/reconcile`: the token its timer was scheduled with. */
export const ReconcileRequest = z.object({ token: z.string().min(1).max(100) });

/**
 * `Lead/{id}/reconcile` (internal; sent by the lead to itself every `LEAD_RECONCILE_INTERVAL`): re-reads the
 * outside world through the same integration pass as `sync` — copies messages a lost webhook did not announce,
 * closes the lead when its thread closed or is gone, records an opt-out seen in the thread — then schedules the
 * next one. A token other than the one the lead holds belongs to a chain that was replaced: it does nothing.
 * When the lead holds none (its state was wiped, or it closed), the lead is loaded (taken over from DynamoDB if
 * need be): a CLOSED or unknown lead ends the chain, an open one carries on with a new token.
 */
export async function reconcileLead(
    ctx: restate.ObjectContext,
    input: unknown,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
): Promise<void> {
    const leadId = requireLeadId(ctx.key);
    const { token } = parseOrBadRequest(ReconcileRequest, readJsonBody(input));
    const held = await ctx.get<string>(RECONCILE_TOKEN_KEY);
    if (held && held !== token) {
        ctx.console.info("Stale reconcile ignored; another is pending", { leadId });
        return;
    }
    if (held) ctx.clear(RECONCILE_TOKEN_KEY);
    const lead = await loadLead(ctx, deps);
    if (!lead || lead.Status === "CLOSED" || !registry.reconciles(lead)) {
        ctx.console.info("Reconcile timer stopped", { leadId, status: lead?.Status ?? "NONEXISTANT" });
        return;
    }
    const reconciled = await syncPass(ctx, deps, registry, lead, true);
    await ensureReconcileScheduled(ctx, deps, registry, reconciled);
}
