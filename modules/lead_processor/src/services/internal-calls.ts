import * as restate from "@restatedev/restate-sdk";
import { Lead } from "../api";
import type { Deps } from "../deps";
import type { LeadStateView } from "../lead/lead-state";
import type { LeadErasure } from "./lead/erase-lead";

/**
 * The one way services call the Lead object internally (create→sync, bulk→sync/close, webhooks→sync/close,
 * the Twilio integration→close, the lead's own reconcile timer). Every call carries the internal credential, which the authorizer accepts for every
 * endpoint; one-way sends are durable and serialized per lead by the object's lock.
 */
export const internalHeaders = (deps: Deps) => ({ authorization: deps.config.INTERNAL_API_TOKEN });

/** One-way `Lead/{id}/sync`. */
export function sendLeadSync(ctx: restate.Context, deps: Deps, leadId: string): void {
    ctx.objectSendClient(Lead, leadId).sync({}, restate.rpc.sendOpts({ headers: internalHeaders(deps) }));
}

/**
 * One-way `Lead/{id}/reconcile` carrying the lead's reconcile token, delivered after `delayMs` (a durable
 * timer: Restate keeps it across restarts of the service and of itself).
 */
export function sendLeadReconcile(
    ctx: restate.Context,
    deps: Deps,
    leadId: string,
    token: string,
    delayMs: number,
): void {
    ctx.objectSendClient(Lead, leadId).reconcile(
        { token },
        restate.rpc.sendOpts({ headers: internalHeaders(deps), delay: { milliseconds: delayMs } }),
    );
}

/**
 * One-way `Lead/{id}/expire` carrying the token of the CLOSED lead's expiry, delivered after `delayMs` (a durable
 * timer, as the reconcile's).
 */
export function sendLeadExpire(ctx: restate.Context, deps: Deps, leadId: string, token: string, delayMs: number): void {
    ctx.objectSendClient(Lead, leadId).expire(
        { token },
        restate.rpc.sendOpts({ headers: internalHeaders(deps), delay: { milliseconds: delayMs } }),
    );
}

/** One-way `Lead/{id}/erase` (Admin/erase with `Async`). */
export function sendLeadErase(ctx: restate.Context, deps: Deps, leadId: string): void {
    ctx.objectSendClient(Lead, leadId).erase({}, restate.rpc.sendOpts({ headers: internalHeaders(deps) }));
}

/** Request-response `Lead/{id}/erase` (Admin/erase without `Async`). */
export function callLeadErase(ctx: restate.Context, deps: Deps, leadId: string): restate.RestatePromise<LeadErasure> {
    return ctx.objectClient(Lead, leadId).erase({}, restate.rpc.opts({ headers: internalHeaders(deps) }));
}

/** One-way `Lead/{id}/close` with a reason (kept only if the lead has none yet). */
export function sendLeadClose(ctx: restate.Context, deps: Deps, leadId: string, reason: string): void {
    ctx.objectSendClient(Lead, leadId).close({ reason }, restate.rpc.sendOpts({ headers: internalHeaders(deps) }));
}

/** Request-response `Lead/{id}/sync`, for callers that report each lead's outcome. */
export function callLeadSync(ctx: restate.Context, deps: Deps, leadId: string): restate.RestatePromise<LeadStateView> {
    return ctx.objectClient(Lead, leadId).sync({}, restate.rpc.opts({ headers: internalHeaders(deps) }));
}

/** Request-response `Lead/{id}/close`. */
export function callLeadClose(
    ctx: restate.Context,
    deps: Deps,
    leadId: string,
    reason: string,
): restate.RestatePromise<LeadStateView> {
    return ctx.objectClient(Lead, leadId).close({ reason }, restate.rpc.opts({ headers: internalHeaders(deps) }));
}
