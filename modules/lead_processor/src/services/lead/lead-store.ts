import type * as restate from "@restatedev/restate-sdk";
import { TerminalError } from "@restatedev/restate-sdk";
import { formatIssues } from "common";
import { EXPIRES_AT_ATTRIBUTE } from "../../db/lead-states.table";
import type { Deps } from "../../deps";
import { SubmittedLead } from "../../lead/lead-state";
import { indexTakenOverLead } from "./open-lead-index";
import { ensureExpiryScheduled } from "./retention-timer";

/** The single Restate state key holding the whole lead record. */
export const LEAD_STATE_KEY = "lead";

/**
 * The Restate state key holding the projection's `Status` while it differs from the lead's own: set by a create
 * that sends its own sync (it projects SYNCING at once, its lead is ACTIVE), read by that sync's pass, which
 * then need not project SYNCING again; every projection write clears it. Absent, the projection shows the
 * lead's `Status`.
 */
export const PROJECTED_STATUS_KEY = "projectedStatus";

/** A projection item parsed as a lead; a 500 naming the lead when it does not parse. */
function parseProjection(leadId: string, item: Record<string, unknown>): SubmittedLead {
    const parsed = SubmittedLead.safeParse(item);
    if (!parsed.success) {
        throw new TerminalError(`Could not parse lead ID '${leadId}' from database - ${formatIssues(parsed.error)}`, {
            errorCode: 500,
        });
    }
    return parsed.data;
}

/** Reads the lead's projection item (journaled); null when there is none. */
function readProjection(ctx: restate.Context & { key: string }, deps: Deps) {
    return ctx.run("Read lead from DynamoDB", async () => (await deps.tables.leadStates.get(ctx.key)) ?? null);
}

/** The lead the object holds in Restate state (no DynamoDB). */
export async function heldLead(ctx: restate.ObjectSharedContext): Promise<SubmittedLead | undefined> {
    return (await ctx.get<SubmittedLead>(LEAD_STATE_KEY)) ?? undefined;
}

/** For shared handlers: the state the object holds, else the DynamoDB projection (read only). */
export async function peekLead(ctx: restate.ObjectSharedContext, deps: Deps): Promise<SubmittedLead | undefined> {
    const held = await heldLead(ctx);
    if (held) return held;
    const item = await readProjection(ctx, deps);
    return item ? parseProjection(ctx.key, item) : undefined;
}

/**
 * Makes a lead held only in DynamoDB (state wiped, or written by the system this replaces) the object's own:
 * its projection item becomes its Restate state, and an open one is listed in the open-lead index again.
 */
export function takeOver(ctx: restate.ObjectContext, deps: Deps, item: Record<string, unknown>): SubmittedLead {
    const lead = parseProjection(ctx.key, item);
    ctx.set(LEAD_STATE_KEY, lead);
    indexTakenOverLead(ctx, deps, lead);
    ctx.console.info("Took the lead over from its DynamoDB projection", { leadId: ctx.key });
    return lead;
}

/**
 * For exclusive handlers: the state the object holds. When it holds none but the projection has the lead
 * (state wiped, or a lead written by the system this replaces), the object takes it over from DynamoDB; a CLOSED
 * lead taken over gets its expiry again, at its item's `ExpiresAt` when it has one.
 */
export async function loadLead(ctx: restate.ObjectContext, deps: Deps): Promise<SubmittedLead | undefined> {
    const held = await heldLead(ctx);
    if (held) return held;
    const item = await readProjection(ctx, deps);
    if (!item) return undefined;
    const lead = takeOver(ctx, deps, item);
    if (lead.Status === "CLOSED") {
        const expiresAt = item[EXPIRES_AT_ATTRIBUTE];
        await ensureExpiryScheduled(ctx, deps, typeof expiresAt === "number" ? expiresAt : undefined);
    }
    return lead;
}

/** Keeps the lead in Restate state only (progress within a pass, the transient SYNCING): no round trip. */
export function keepLead(ctx: restate.ObjectContext, lead: SubmittedLead): void {
    ctx.set(LEAD_STATE_KEY, lead);
}

/** Records that the projection shows `status` while the lead it holds says otherwise (no round trip). */
export function noteProjectedStatus(ctx: restate.ObjectContext, status: SubmittedLead["Status"]): void {
    ctx.set(PROJECTED_STATUS_KEY, status);
}

/** Whether the projection already shows SYNCING though the lead does not (the note lasts until the next write). */
export async function projectionShowsSyncing(ctx: restate.ObjectContext): Promise<boolean> {
    return (await ctx.get<string>(PROJECTED_STATUS_KEY)) === "SYNCING";
}

/**
 * Stores the lead in Restate state and writes its projection to DynamoDB: at the start of a sync (SYNCING, unless
 * the projection already shows it) and at the end of a pass (the state outside readers of
 * `<PREFIX>_Web2Text_LeadStates` need), not after each integration. A CLOSED lead's item carries `expiresAt`
 * (epoch seconds) as its TTL attribute.
 */
export async function saveLead(
    ctx: restate.ObjectContext,
    deps: Deps,
    lead: SubmittedLead,
    expiresAt?: number,
): Promise<void> {
    keepLead(ctx, lead);
    await ctx.run("Project lead to DynamoDB", () => deps.tables.leadStates.put(lead, expiresAt));
    ctx.clear(PROJECTED_STATUS_KEY); // the projection now shows the lead as it is
}
