import type * as restate from "@restatedev/restate-sdk";
import { isoDurationMs } from "common";
import { z } from "zod";
import type { Deps } from "../../deps";
import { sendLeadExpire } from "../internal-calls";

/**
 * The Restate state key holding a CLOSED lead's pending expiry: the token its delayed `expire` carries and the
 * moment (epoch seconds) its personal data goes, which is also its projection item's `ExpiresAt`.
 */
export const EXPIRY_KEY = "expiry";

export const Expiry = z.object({ token: z.string().min(1), expiresAt: z.number().int() });
export type Expiry = z.output<typeof Expiry>;

/** `LEAD_RETENTION` in milliseconds (the setting is validated at start-up). */
export function retentionMs(deps: Deps): number {
    return isoDurationMs(deps.config.LEAD_RETENTION) ?? 365 * 86_400_000;
}

/** The lead's pending expiry, if one is scheduled. */
export async function heldExpiry(ctx: restate.ObjectSharedContext): Promise<Expiry | undefined> {
    const parsed = Expiry.safeParse(await ctx.get(EXPIRY_KEY));
    return parsed.success ? parsed.data : undefined;
}

/**
 * Schedules a CLOSED lead's expiry once: a delayed one-way `Lead/{id}/expire` to itself with a fresh token kept
 * in its state. A lead whose expiry is pending (closed again, or closing retried) keeps it and its moment.
 * `expiresAt` (epoch seconds) is the moment to keep when the lead is taken over from an item that carries one;
 * otherwise it is the journaled now plus `LEAD_RETENTION`. Returns the moment, for the projection's `ExpiresAt`.
 */
export async function ensureExpiryScheduled(
    ctx: restate.ObjectContext,
    deps: Deps,
    expiresAt?: number,
): Promise<number> {
    const held = await heldExpiry(ctx);
    if (held) return held.expiresAt;
    const now = await ctx.date.now();
    const at = expiresAt ?? Math.ceil((now + retentionMs(deps)) / 1000);
    const expiry: Expiry = { token: ctx.rand.uuidv4(), expiresAt: at };
    ctx.set(EXPIRY_KEY, expiry);
    sendLeadExpire(ctx, deps, ctx.key, expiry.token, Math.max(0, at * 1000 - now));
    return at;
}
