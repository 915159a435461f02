import type * as restate from "@restatedev/restate-sdk";
import { parseOrBadRequest } from "common/restate";
import { z } from "zod";
import type { Deps } from "../../deps";
import { readJsonBody } from "../request-body";
import { forgetLead } from "./forget-lead";
import { requireLeadId } from "./lead-guards";
import { heldLead } from "./lead-store";
import { heldExpiry } from "./retention-timer";

/** The body of the internal `Lead/{id}/expire`: the token its expiry was scheduled with. */
export const ExpireRequest = z.object({ token: z.string().min(1).max(100) });

/**
 * `Lead/{id}/expire` (internal; sent by a CLOSED lead to itself `LEAD_RETENTION` after its close): forgets the
 * lead. It checks the state when it fires: only a lead still CLOSED that holds this very token is forgotten. A
 * token it does not hold (its state was wiped and the lead taken over, which schedules its own expiry) or a lead
 * no longer CLOSED makes it do nothing.
 */
export async function expireLead(ctx: restate.ObjectContext, input: unknown, deps: Deps): Promise<void> {
    const leadId = requireLeadId(ctx.key);
    const { token } = parseOrBadRequest(ExpireRequest, readJsonBody(input));
    const [expiry, lead] = [await heldExpiry(ctx), await heldLead(ctx)];
    if (expiry?.token !== token || lead?.Status !== "CLOSED") {
        ctx.console.info("Expiry ignored: not this lead's pending one", { leadId, status: lead?.Status });
        return;
    }
    await forgetLead(ctx, deps, lead);
    ctx.console.info("Lead expired after its retention", { leadId });
}
