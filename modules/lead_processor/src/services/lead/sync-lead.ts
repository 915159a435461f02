import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import { runIntegrations } from "../../integrations/run-integrations";
import type { SubmittedLead } from "../../lead/lead-state";
import type { LeadTypeRegistry } from "../../lead/registry";
import { requireLeadId, requireStatus } from "./lead-guards";
import { loadLead, saveLead } from "./lead-store";

/**
 * `Lead/{id}/sync`: ACTIVE → SYNCING, run every integration of the lead type (create or sync each), then back
 * to ACTIVE. SYNCING is accepted as a start state so a sync interrupted by a crash can be run again.
 */
export async function syncLead(
    ctx: restate.ObjectContext,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
): Promise<SubmittedLead> {
    const leadId = requireLeadId(ctx.key);
    const current = requireStatus(leadId, await loadLead(ctx, deps), ["ACTIVE", "SYNCING"]);
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
    ctx.console.info("Lead synced", { leadId, integrations: Object.keys(active.Integrations).length });
    return active;
}
