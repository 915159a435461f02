import type * as restate from "@restatedev/restate-sdk";
import { CancelledError, TerminalError } from "@restatedev/restate-sdk";
import { badRequest, parseOrBadRequest } from "common/restate";
import type { AuthReceipt } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import { CreateLeadRequest } from "../../lead/create-request";
import { DIRECTORY_FACTS_KEY, type DirectoryFacts } from "../../lead/directory-facts";
import { CURRENT_SCHEMA_VERSION } from "../../lead/lead-schemas";
import type { SubmittedLead } from "../../lead/lead-state";
import type { LeadTypeRegistry } from "../../lead/registry";
import { validationMessage } from "../../lead/validation";
import { sendLeadSync } from "../internal-calls";
import { journaledStep } from "../journaled-step";
import { readJsonBody } from "../request-body";
import { requireLeadId, wrongStatus } from "./lead-guards";
import { heldLead, keepLead, loadLead, noteProjectedStatus, takeOver } from "./lead-store";
import { indexNewLead } from "./open-lead-index";
import { ensureReconcileScheduled } from "./reconcile-timer";

/**
 * `Lead/{id}/create`: parse and validate the request, then store the lead as ACTIVE, start its reconcile timer
 * (lead types that reconcile) and (by default) send `sync`. Nothing is stored until validation passed, so a
 * rejected id can be submitted again.
 *
 * A lead the object holds is refused at once (409). Otherwise no read is made to learn that the id is new: the
 * first projection is a conditional write, and an item already there (a lead held only in DynamoDB) is taken
 * over and refused with the same 409. A create that is rejected checks the projection before answering, so such
 * a lead is refused with 409 whatever the body, as when the projection was read first. `DateSubmitted` is the
 * time the API key was checked (journaled); only internal callers, who have no such step, cost a clock read.
 * The Nexus answers validation read are kept in Restate state for the lead's integrations.
 * With `SyncImmediately` the first projection already says SYNCING (the sync it sends is on its way; the lead
 * it answers with and holds is ACTIVE until that sync starts). A WEB2TEXT lead enters the open-lead index; with
 * `ReplaceOpenLead` it takes the customer's place there and the lead it replaces is closed before the answer.
 */
export async function createLead(
    ctx: restate.ObjectContext,
    input: unknown,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
    receipt: AuthReceipt,
): Promise<SubmittedLead> {
    const leadId = requireLeadId(ctx.key);
    const body = readJsonBody(input);
    const held = await heldLead(ctx);
    if (held) throw wrongStatus(leadId, held.Status);
    let facts: DirectoryFacts | undefined;
    const request = await refusedIfProjected(ctx, deps, async () => {
        const parsed = parseOrBadRequest(CreateLeadRequest, body);
        const verdict = await registry.validate(parsed, journaledStep(ctx), (read) => {
            facts = read;
        });
        if (verdict.Status !== "VALID") {
            ctx.console.info("Lead rejected by validation", { leadId, leadType: parsed.LeadType, verdict });
            throw badRequest(validationMessage(verdict));
        }
        return parsed;
    });
    const { SyncImmediately, ReplaceOpenLead, SchemaVersion: _requested, ...fields } = request;
    const lead: SubmittedLead = {
        ...fields,
        SchemaVersion: CURRENT_SCHEMA_VERSION,
        LeadId: leadId,
        Status: "ACTIVE",
        DateSubmitted: receipt.checkedAt ?? (await ctx.date.toJSON()),
        Integrations: {},
    };
    // A create that sends its own sync projects SYNCING at once, so the sync need not write it again.
    const projected: SubmittedLead = SyncImmediately ? { ...lead, Status: "SYNCING" } : lead;
    const stored = await ctx.run("Store new lead in DynamoDB", () => deps.tables.leadStates.putNew(projected));
    if (!stored.created) throw wrongStatus(leadId, takeOver(ctx, deps, stored.existing).Status);
    keepLead(ctx, lead);
    if (projected.Status !== lead.Status) noteProjectedStatus(ctx, projected.Status);
    if (facts) ctx.set(DIRECTORY_FACTS_KEY, facts);
    await indexNewLead(ctx, deps, lead, ReplaceOpenLead === true);
    await ensureReconcileScheduled(ctx, deps, registry, lead);
    if (SyncImmediately) sendLeadSync(ctx, deps, leadId);
    ctx.console.info("Lead created", { leadId, leadType: lead.LeadType, sync: SyncImmediately });
    return lead;
}

/**
 * Runs the checks of a create; when they refuse it (a 4xx, or a 503 from a validation read), a lead held only in
 * DynamoDB is taken over and refused with 409 instead, as a duplicate id always is.
 */
async function refusedIfProjected<T>(ctx: restate.ObjectContext, deps: Deps, checks: () => Promise<T>): Promise<T> {
    try {
        return await checks();
    } catch (error) {
        if (error instanceof TerminalError && !(error instanceof CancelledError)) {
            const existing = await loadLead(ctx, deps);
            if (existing) throw wrongStatus(ctx.key, existing.Status);
        }
        throw error;
    }
}
