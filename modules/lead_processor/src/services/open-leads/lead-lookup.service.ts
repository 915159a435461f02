import * as restate from "@restatedev/restate-sdk";
import { parseOrBadRequest, rawJsonSerde } from "common/restate";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { OpenLeadCustomer, openLeadKey } from "../../lead/open-lead-key";
import { readJsonBody } from "../request-body";
import { callOpenLeadLookup } from "./open-lead-calls";
import type { OpenLeadAnswer } from "./open-lead-entries";

/**
 * `LeadLookup/openLead` (API-key endpoint string `Lead/openLead`): the lookup with the customer in a body, in any
 * common phone notation. It normalises the customer to the index key and asks `OpenLeads/{key}/openLead`, so it
 * costs its journaled key check and a second invocation; a caller that writes the key itself calls that handler
 * directly, in one. No open lead is a 200 with `{"OpenLead": null}`, which a website can branch on without
 * treating it as an error.
 */
export async function lookUpOpenLead(ctx: restate.Context, input: unknown, deps: Deps): Promise<OpenLeadAnswer> {
    const request = parseOrBadRequest(OpenLeadCustomer, readJsonBody(input));
    const key = openLeadKey(request.RetailerId, request.LocationId, request.CustomerPhone);
    return callOpenLeadLookup(ctx, deps, key, request.CustomerPhone);
}

/** The `LeadLookup` service: read-only answers for websites. */
export function createLeadLookupService(deps: Deps) {
    return restate.service({
        name: "LeadLookup",
        handlers: {
            openLead: restate.handlers.handler(
                { input: rawJsonSerde },
                authorized(deps.auth, "Lead/openLead", (ctx: restate.Context, input: unknown) =>
                    lookUpOpenLead(ctx, input, deps),
                ),
            ),
        },
    });
}

export type LeadLookupService = ReturnType<typeof createLeadLookupService>;
