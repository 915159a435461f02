import * as restate from "@restatedev/restate-sdk";
import { PhoneNumber, Uuid } from "common";
import { parseOrBadRequest, rawJsonSerde } from "common/restate";
import { z } from "zod";
import { authorized } from "../../auth/authorizer";
import type { Deps } from "../../deps";
import { openLeadKey } from "../../lead/open-lead-key";
import { readJsonBody } from "../request-body";
import { callOpenLeadLookup } from "./open-lead-calls";

/** The body of `LeadLookup/openLead`: a customer (any common phone notation, US default) at a store. */
export const OpenLeadRequest = z.object({ RetailerId: Uuid, LocationId: Uuid, CustomerPhone: PhoneNumber });

/** What `LeadLookup/openLead` answers: the customer's open WEB2TEXT lead at that store, or `null`. */
export interface OpenLeadAnswer {
    OpenLead: { LeadId: string; DateSubmitted: string; Status: "ACTIVE" } | null;
}

/**
 * `LeadLookup/openLead` (API-key endpoint string `Lead/openLead`): the open WEB2TEXT lead of a customer at a
 * store, newest first, from the `OpenLeads` index (a shared handler: no DynamoDB, no lock). No open lead is a
 * 200 with `{"OpenLead": null}`, which a website can branch on without treating it as an error. The index holds
 * open leads only, so `Status` is always ACTIVE (`Lead/{id}/status` shows a sync in progress as SYNCING).
 */
export async function lookUpOpenLead(ctx: restate.Context, input: unknown, deps: Deps): Promise<OpenLeadAnswer> {
    const request = parseOrBadRequest(OpenLeadRequest, readJsonBody(input));
    const key = openLeadKey(request.RetailerId, request.LocationId, request.CustomerPhone);
    const entry = await callOpenLeadLookup(ctx, deps, key);
    return { OpenLead: entry ? { ...entry, Status: "ACTIVE" } : null };
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
