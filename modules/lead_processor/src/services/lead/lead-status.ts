import type * as restate from "@restatedev/restate-sdk";
import type { Deps } from "../../deps";
import type { LeadStateView } from "../../lead/lead-state";
import { requireLeadId } from "./lead-guards";
import { peekLead } from "./lead-store";

/**
 * `Lead/{id}/status`: the lead as the object holds it, or as its DynamoDB projection has it when the object
 * holds no state (so a lead is never reported NONEXISTANT just because its Restate state was wiped).
 */
export async function leadStatus(ctx: restate.ObjectSharedContext, deps: Deps): Promise<LeadStateView> {
    requireLeadId(ctx.key);
    return (await peekLead(ctx, deps)) ?? { Status: "NONEXISTANT" };
}
