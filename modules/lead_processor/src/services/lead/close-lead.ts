import type * as restate from "@restatedev/restate-sdk";
import { parseOrBadRequest } from "common/restate";
import { z } from "zod";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import { runIntegrations } from "../../integrations/run-integrations";
import { DIRECTORY_FACTS_KEY } from "../../lead/directory-facts";
import type { SubmittedLead } from "../../lead/lead-state";
import type { LeadTypeRegistry } from "../../lead/registry";
import { readJsonBody } from "../request-body";
import { requireLeadId, requireStatus } from "./lead-guards";
import { keepLead, loadLead, saveLead } from "./lead-store";
import { unindexLead } from "./open-lead-index";
import { ensureExpiryScheduled } from "./retention-timer";

/** The body of `Lead/{id}/close`; it may be empty. */
export const CloseLeadRequest = z
    .object({ reason: z.string().trim().min(1, "must not be empty").max(1000).optional() })
    .optional()
    .transform((body) => body ?? {});

/** Close reason when the caller gives none. */
export const DEFAULT_CLOSE_REASON = "Not specified";

/**
 * `Lead/{id}/close`: record the close reason (the first one ever given wins), close every integration that was
 * synced, then mark the lead CLOSED. Closing a CLOSED lead retries integrations that did not close yet. The reason
 * and the progress are kept in Restate state; the projection is written once, CLOSED, and the lead leaves the
 * open-lead index. Every close (API, webhooks, reconcile, opt-out, bulk, a resubmit) comes through here. The
 * first close schedules the lead's expiry (`LEAD_RETENTION` later; the projection's `ExpiresAt`), a repeated one
 * keeps it.
 */
export async function closeLead(
    ctx: restate.ObjectContext,
    input: unknown,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
): Promise<SubmittedLead> {
    const leadId = requireLeadId(ctx.key);
    const body = readJsonBody(input);
    const current = requireStatus(leadId, await loadLead(ctx, deps), ["ACTIVE", "SYNCING", "CLOSED"]);
    const request = parseOrBadRequest(CloseLeadRequest, body);
    const withReason: SubmittedLead = {
        ...current,
        CloseReason: current.CloseReason ?? request.reason ?? DEFAULT_CLOSE_REASON,
    };
    keepLead(ctx, withReason);
    const closed = await runIntegrations({
        operation: "close",
        lead: withReason,
        integrations: registry.integrationsFor(withReason),
        ctx,
        keep: (lead) => keepLead(ctx, lead),
    });
    const final: SubmittedLead = { ...closed, Status: "CLOSED" };
    ctx.clear(DIRECTORY_FACTS_KEY); // a closed lead creates nothing more: its Nexus answers are not needed
    const expiresAt = await ensureExpiryScheduled(ctx, deps);
    await saveLead(ctx, deps, final, expiresAt);
    unindexLead(ctx, deps, final);
    ctx.console.info("Lead closed", { leadId, reason: final.CloseReason });
    return final;
}
