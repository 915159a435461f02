import { z } from "zod";
import { restateRows } from "./restate-sql";

/**
 * Invocations that are retrying or paused, as `sys_invocation` has them. Retrying: `backing-off` (an attempt
 * failed, the next is scheduled) or `running` again after failures (`retry_count` > 0). A step's own retries
 * (`ctx.run` with a retry policy) count too: they are attempts of the same invocation.
 */
export const TROUBLED_INVOCATIONS_SQL = [
    "SELECT id, target, status, created_at, running_at, retry_count, last_failure",
    "FROM sys_invocation",
    "WHERE status IN ('backing-off', 'paused') OR (status = 'running' AND retry_count > 0)",
].join("\n");

const TroubledRow = z.object({
    id: z.string(),
    target: z.string(),
    status: z.string(),
    created_at: z.iso.datetime({ offset: true }),
    running_at: z.iso.datetime({ offset: true }).nullish(),
    retry_count: z.coerce.number().nullish(),
    last_failure: z.string().nullish(),
});

/** One retrying or paused invocation, for the report (the failure cut to its first line). */
export const TroubledInvocation = z.object({
    id: z.string(),
    target: z.string(),
    status: z.string(),
    retryCount: z.number(),
    /** Seconds since it first started running (or was created, when it never ran). */
    sinceSeconds: z.number(),
    lastFailure: z.string().nullable(),
});
export type TroubledInvocation = z.output<typeof TroubledInvocation>;

export const InvocationFigures = z.object({
    /** Retrying right now, however briefly. */
    retrying: z.number(),
    /** Retrying for at least the stuck-after duration. */
    stuck: z.number(),
    paused: z.number(),
    /** Age of the oldest retrying or paused invocation; 0 when there is none. */
    oldestStuckSeconds: z.number(),
    /** The oldest ones first, at most {@link EXAMPLES}. */
    examples: z.array(TroubledInvocation),
});
export type InvocationFigures = z.output<typeof InvocationFigures>;

/** How many invocations the report lists by id (the counts cover all). */
export const EXAMPLES = 10;

/** The figures from the rows of {@link TROUBLED_INVOCATIONS_SQL}, at `now`. */
export function invocationFigures(rows: z.output<typeof TroubledRow>[], now: Date, stuckAfterMs: number) {
    const troubled = rows
        .map((row) => ({
            id: row.id,
            target: row.target,
            status: row.status,
            retryCount: row.retry_count ?? 0,
            sinceSeconds: Math.max(
                0,
                Math.floor((now.getTime() - Date.parse(row.running_at ?? row.created_at)) / 1000),
            ),
            lastFailure: row.last_failure?.split("\n")[0]?.slice(0, 300) ?? null,
        }))
        .sort((a, b) => b.sinceSeconds - a.sinceSeconds);
    const retrying = troubled.filter((t) => t.status !== "paused");
    return InvocationFigures.parse({
        retrying: retrying.length,
        stuck: retrying.filter((t) => t.sinceSeconds * 1000 >= stuckAfterMs).length,
        paused: troubled.length - retrying.length,
        oldestStuckSeconds: troubled[0]?.sinceSeconds ?? 0,
        examples: troubled.slice(0, EXAMPLES),
    });
}

/** Reads the retrying and paused invocations from the Restate admin API. */
export async function readInvocationFigures(
    adminUrl: string,
    now: Date,
    stuckAfterMs: number,
): Promise<InvocationFigures> {
    return invocationFigures(await restateRows(adminUrl, TROUBLED_INVOCATIONS_SQL, TroubledRow), now, stuckAfterMs);
}
