import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import { runIntegrations } from "../../integrations/run-integrations";
import { keptFacts } from "../../lead/directory-facts";
import type { SubmittedLead } from "../../lead/lead-state";
import type { LeadTypeRegistry } from "../../lead/registry";
import { requireLeadId, requireStatus } from "./lead-guards";
import { keepLead, loadLead, projectionShowsSyncing, saveLead } from "./lead-store";
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

/**
 * The sync pass itself, shared by `sync` and `reconcile`: the one integration loop, between SYNCING and ACTIVE.
 * SYNCING is projected when the pass starts, unless the projection already shows it (a create that sent this
 * sync wrote SYNCING in its first projection), so outside readers see a sync in progress however slow a vendor
 * is. The progress after each integration is kept in Restate state only; the projection is written again once,
 * with the pass's result. A reconcile (`quiet`) runs the same loop but writes only what changed: no SYNCING, an
 * integration whose state differs only in its timestamps keeps its previous one, and a lead that found nothing
 * new is not written at all (no projection write, `LastSynced` unchanged).
 */
export async function syncPass(
    ctx: restate.ObjectContext,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
    current: SubmittedLead,
    quiet = false,
): Promise<SubmittedLead> {
    const start: SubmittedLead = quiet ? current : { ...current, Status: "SYNCING" };
    if (!quiet) {
        if (await projectionShowsSyncing(ctx)) keepLead(ctx, start);
        else await saveLead(ctx, deps, start);
    }
    const synced = await runIntegrations({
        operation: "sync",
        lead: start,
        integrations: registry.integrationsFor(start),
        ctx,
        keep: (lead) => keepLead(ctx, lead),
        keepUnchanged: quiet,
        directory: await keptFacts(ctx),
    });
    if (quiet && synced === start && start.Status === "ACTIVE") return start;
    const active: SubmittedLead = { ...synced, Status: "ACTIVE" };
    await saveLead(ctx, deps, active);
    ctx.console.info("Lead synced", { leadId: active.LeadId, integrations: Object.keys(active.Integrations).length });
    return active;
}
