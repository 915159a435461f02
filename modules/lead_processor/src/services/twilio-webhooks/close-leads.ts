import * as restate from "@restatedev/restate-sdk";
import { Uuid } from "common";
import { parseOrBadRequest } from "common/restate";
import { z } from "zod";
import type { Deps } from "../../deps";
import { callLeadClose } from "../internal-calls";

/** Input of the private `TwilioWebhooks/closeLeads`. */
export const CloseLeadsRequest = z.object({
    LeadIds: z.array(Uuid).max(1000),
    Reason: z.string().min(1).max(1000),
});
export type CloseLeadsRequest = z.input<typeof CloseLeadsRequest>;

/**
 * Closes leads one after the other (each a journaled request-response call), so leads sharing a thread
 * leave it in turn rather than racing on its attributes. A lead that cannot be closed (unknown, wrong
 * status) is logged and skipped.
 */
export async function closeLeadsInTurn(ctx: restate.Context, input: unknown, deps: Deps): Promise<void> {
    const request = parseOrBadRequest(CloseLeadsRequest, input);
    for (const leadId of request.LeadIds) {
        try {
            await callLeadClose(ctx, deps, leadId, request.Reason);
        } catch (error) {
            if (!(error instanceof restate.TerminalError) || error instanceof restate.CancelledError) throw error;
            ctx.console.warn("Lead could not be closed", { leadId, error: error.message });
        }
    }
}
