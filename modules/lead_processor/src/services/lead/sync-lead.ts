import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import { runIntegrations } from "../../integrations/run-integrations";
import type { SubmittedLead } from "../../lead/lead-state";
import type { LeadTypeRegistry } from "../../lead/registry";
import { requireLeadId, requireStatus } from "./lead-guards";
import { loadLead, saveLead } from "./lead-store";
import { ensureReconcileScheduled } from "./reconcile-timer";

/**
 * `Lead/{id}/sync`: ACTIVE → SYNCING, run every integration of the lead type (create or sync each), then back
 * to ACTIVE. SYNCING is accepted as a start state so a sync interrupted by a crash can be run again. An open
 * lead of a reconciled type gets its reconcile timer if it has none (a lead taken over from DynamoDB).
 */
export async function syncLead(
    ctx: restate.ObjectContext,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
): Promise<SubmittedLead> {
    const leadId = requireLeadId(ctx.key);
    const current = requireStatus(leadId, await loadLead(ctx, deps), ["ACTIVE", "SYNCING"]);
    await ensureReconcileScheduled(ctx, deps, registry, current);
    return syncPass(ctx, deps, registry, current);
}

/** The sync pass itself, shared by `sync` and `reconcile`: the one integration loop, between SYNCING and ACTIVE. */
export async function syncPass(
    ctx: restate.ObjectContext,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
    current: SubmittedLead,
): Promise<SubmittedLead> {
    const syncing: SubmittedLead = { ...current, Status: "SYNCING" };
    await saveLead(ctx, deps, syncing);
    const synced = await runIntegrations({
        operation: "sync",
        lead: syncing,
        integrations: registry.integrationsFor(syncing),
        ctx,
        save: (lead) => saveLead(ctx, deps, lead),
    });
    const active: SubmittedLead = { ...synced, Status: "ACTIVE" };
    await saveLead(ctx, deps, active);
    ctx.console.info("Lead synced", { leadId: active.LeadId, integrations: Object.keys(active.Integrations).length });
    return active;
}
