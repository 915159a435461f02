import type * as restate from "@restatedev/restate-sdk";
import { badRequest, parseOrBadRequest } from "common/restate";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import { CreateLeadRequest } from "../../lead/create-request";
import { CURRENT_SCHEMA_VERSION } from "../../lead/lead-schemas";
import type { SubmittedLead } from "../../lead/lead-state";
import type { LeadTypeRegistry } from "../../lead/registry";
import { validationMessage } from "../../lead/validation";
import { sendLeadSync } from "../internal-calls";
import { journaledStep } from "../journaled-step";
import { readJsonBody } from "../request-body";
import { requireLeadId, wrongStatus } from "./lead-guards";
import { loadLead, saveLead } from "./lead-store";
import { ensureReconcileScheduled } from "./reconcile-timer";

/**
 * `Lead/{id}/create`: parse and validate the request, then store the lead as ACTIVE, start its reconcile timer
 * (lead types that reconcile) and (by default) send `sync`. Nothing is stored until validation passed, so a rejected id can be submitted again.
 */
export async function createLead(
    ctx: restate.ObjectContext,
    input: unknown,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
): Promise<SubmittedLead> {
    const leadId = requireLeadId(ctx.key);
    const body = readJsonBody(input);
    const existing = await loadLead(ctx, deps);
    if (existing) throw wrongStatus(leadId, existing.Status);
    const request = parseOrBadRequest(CreateLeadRequest, body);
    const verdict = await registry.validate(request, journaledStep(ctx));
    if (verdict.Status !== "VALID") {
        ctx.console.info("Lead rejected by validation", { leadId, leadType: request.LeadType, verdict });
        throw badRequest(validationMessage(verdict));
    }
    const { SyncImmediately, SchemaVersion: _requested, ...fields } = request;
    const lead: SubmittedLead = {
        ...fields,
        SchemaVersion: CURRENT_SCHEMA_VERSION,
        LeadId: leadId,
        Status: "ACTIVE",
        DateSubmitted: await ctx.date.toJSON(),
        Integrations: {},
    };
    await saveLead(ctx, deps, lead);
    await ensureReconcileScheduled(ctx, deps, registry, lead);
    if (SyncImmediately) sendLeadSync(ctx, deps, leadId);
    ctx.console.info("Lead created", { leadId, leadType: lead.LeadType, sync: SyncImmediately });
    return lead;
}
