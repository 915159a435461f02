import * as restate from "@restatedev/restate-sdk";
import { OpenLeads } from "../../api";
import type { Deps } from "../../deps";
import { internalHeaders } from "../internal-calls";
import type { OpenLeadAnswer, OpenLeadEntry } from "./open-lead-entries";

/**
 * The one way the lead processor calls its open-lead index (`OpenLeads/{key}`): the Lead object on create,
 * close and takeover, the lookup service, and whoever erases a lead. Every call carries the internal
 * credential; one-way sends are journaled with the caller's state change and run in order per key.
 */
const internal = (deps: Deps) => ({ headers: internalHeaders(deps) });

/** One-way: `entry` is an open lead under `key`. */
export function sendOpenLeadAdd(ctx: restate.ObjectContext, deps: Deps, key: string, entry: OpenLeadEntry): void {
    ctx.objectSendClient(OpenLeads, key).add(entry, restate.rpc.sendOpts(internal(deps)));
}

/** One-way: the lead `leadId` is no longer open under `key` (closed or erased); nothing when it was not there. */
export function sendOpenLeadForget(ctx: restate.Context, deps: Deps, key: string, leadId: string): void {
    ctx.objectSendClient(OpenLeads, key).forget({ LeadId: leadId }, restate.rpc.sendOpts(internal(deps)));
}

/** `entry` becomes the only open lead under `key`; answers the entries it displaced (to be closed). */
export function callOpenLeadClaim(
    ctx: restate.Context,
    deps: Deps,
    key: string,
    entry: OpenLeadEntry,
): restate.RestatePromise<OpenLeadEntry[]> {
    return ctx.objectClient(OpenLeads, key).claim(entry, restate.rpc.opts(internal(deps)));
}

/** The lookup's answer for the customer `e164` under `key` (`openLead`, a shared handler: no lock, no DynamoDB). */
export function callOpenLeadLookup(
    ctx: restate.Context,
    deps: Deps,
    key: string,
    e164: string,
): restate.RestatePromise<OpenLeadAnswer> {
    return ctx.objectClient(OpenLeads, key).openLead({ CustomerPhone: e164 }, restate.rpc.opts(internal(deps)));
}
