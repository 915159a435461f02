import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { Integration } from "../../integrations/integration";
import type { LeadTypeRegistry } from "../../lead/registry";
import { closeLead } from "./close-lead";
import { type ForgottenLead, forgetLead } from "./forget-lead";
import { requireLeadId } from "./lead-guards";
import { loadLead } from "./lead-store";

/** Close reason of a lead that is open when its personal data is erased. */
export const ERASE_CLOSE_REASON = "Personal data erased on request";

/** What `Lead/{id}/erase` did. */
export interface LeadErasure extends ForgottenLead {
    LeadId: string;
    /** Whether the lead was open and was closed (the usual close path) before it was erased. */
    ClosedFirst: boolean;
}

/**
 * `Lead/{id}/erase` (internal; sent by `Admin/erase`): an open lead is closed first through the usual close path
 * (vendors told, conversation closed), then the lead is forgotten. Exclusive like every lead handler, it runs
 * after a sync or close already in flight, and whatever arrives after it finds nothing.
 */
export async function eraseLead(
    ctx: restate.ObjectContext,
    deps: Deps,
    registry: LeadTypeRegistry<Integration>,
): Promise<LeadErasure> {
    const leadId = requireLeadId(ctx.key);
    const lead = await loadLead(ctx, deps);
    const open = lead !== undefined && lead.Status !== "CLOSED";
    const closed = open ? await closeLead(ctx, { reason: ERASE_CLOSE_REASON }, deps, registry) : lead;
    const forgotten = await forgetLead(ctx, deps, closed);
    return { LeadId: leadId, ClosedFirst: open, ...forgotten };
}
