import type { BenchOptions } from "../args";
import type { CustomerPhones, Store } from "../leads";
import type { Mark, ProcessSampler } from "../proc";
import type { CPU_COLUMNS, ScenarioRow } from "../report";
import { ratio } from "../stats";
import { type Target, waitIdle } from "../target";

/** What every scenario gets. */
export interface RunContext {
    t: Target;
    opts: BenchOptions;
    /** Undefined when the stack is not ours (no pids). */
    sampler: ProcessSampler | undefined;
    log: (message: string) => void;
    /** Floor calls per second by concurrency, once measured. */
    floor: Map<number, number>;
    phones: CustomerPhones;
    stores: Store[];
    /** UniversalRetailerId of this run's ACTON leads. */
    actOnRetailer: string;
    /** Leads created or synced so far (for the RSS flatness figures). */
    leadsProcessed: number;
    /** performance.now() by which the run must be done. */
    deadline: number;
    /** Lead processor RSS before the first lead (after the floor), MB. */
    rssAtStartMb?: number | undefined;
    /** performance.now() by which the current scenario should be done (its share of the budget). */
    phaseDeadline?: number | undefined;
    /** Id prefix of the last WEB2TEXT batch, whose threads the webhook storm may reuse. */
    lastWeb2TextPrefix?: string | undefined;
}

/**
 * When a scenario's load must stop starting calls: `share` of the time left of its slice of the budget, so
 * the rest is left for the leads already created to finish syncing. Undefined without a slice.
 */
export function loadDeadline(ctx: RunContext, share = 0.8): number | undefined {
    if (ctx.phaseDeadline === undefined) return undefined;
    const now = performance.now();
    return now + Math.max(0, ctx.phaseDeadline - now) * share;
}

/** The note for a load the budget cut short. */
export function cutNote(started: number, planned: number): string {
    return `cut by the time budget after ${started} of ${planned} (the machine was too slow for the whole N)`;
}

/** Milliseconds left of the run's budget, minus a reserve for stopping the stack and writing the report. */
export function remainingMs(ctx: RunContext, reserveMs = 20_000): number {
    return Math.max(0, ctx.deadline - performance.now() - reserveMs);
}

/** A wait of `wanted` ms, cut to what the budget leaves (at least 5 s, so a check still happens). */
export function budgeted(ctx: RunContext, wanted: number): number {
    return Math.max(5_000, Math.min(wanted, remainingMs(ctx)));
}

/** A mark of the sampler, or undefined without one. */
export function mark(ctx: RunContext): Mark | undefined {
    return ctx.sampler?.mark();
}

/** CPU ms per lead of each process and peak RSS between two marks. */
export function processFigures(
    ctx: RunContext,
    from: Mark | undefined,
    to: Mark | undefined,
    n: number,
): Pick<ScenarioRow, "cpuMsPerLead" | "peakRssMb"> {
    if (!ctx.sampler || !from || !to || n <= 0) return {};
    const w = ctx.sampler.window(from, to);
    const cpuMsPerLead: Partial<Record<(typeof CPU_COLUMNS)[number], number>> = {};
    for (const [name, seconds] of Object.entries(w.cpuSeconds)) {
        cpuMsPerLead[name as (typeof CPU_COLUMNS)[number]] = (seconds * 1000) / n;
    }
    return {
        cpuMsPerLead,
        peakRssMb: {
            ...(w.peakRssMb.leadProcessor !== undefined ? { leadProcessor: w.peakRssMb.leadProcessor } : {}),
            ...(w.peakRssMb.restate !== undefined ? { restate: w.peakRssMb.restate } : {}),
        },
    };
}

/** The floor's calls/s at this concurrency (or the nearest measured one). */
export function floorAt(ctx: RunContext, concurrency: number): number | undefined {
    if (ctx.floor.has(concurrency)) return ctx.floor.get(concurrency);
    let best: [number, number] | undefined;
    for (const [c, v] of ctx.floor) {
        if (!best || Math.abs(c - concurrency) < Math.abs(best[0] - concurrency)) best = [c, v];
    }
    return best?.[1];
}

/** Throughputs as ratios to the floor at the same concurrency. */
export function floorRatios(
    ctx: RunContext,
    concurrency: number,
    perSecond: number | undefined,
    e2ePerSecond: number | undefined,
): ScenarioRow["ratioToFloor"] {
    const floor = floorAt(ctx, concurrency);
    if (floor === undefined) return undefined;
    return {
        ...(perSecond !== undefined ? { create: ratio(perSecond, floor) } : {}),
        ...(e2ePerSecond !== undefined ? { e2e: ratio(e2ePerSecond, floor) } : {}),
    };
}

/** Waits until Restate is idle; throws with `what` on timeout. */
export async function settle(ctx: RunContext, what: string, timeoutMs = 120_000): Promise<void> {
    if (!(await waitIdle(ctx.t, timeoutMs)))
        throw new Error(`Restate still had invocations running ${timeoutMs / 1000} s after ${what}`);
}

/** A failed row with the error's message. */
export function failedRow(scenario: string, concurrency: number | null, n: number, error: unknown): ScenarioRow {
    return {
        scenario,
        concurrency,
        n,
        status: "failed",
        note: error instanceof Error ? error.message.split("\n")[0]?.slice(0, 400) : String(error),
    };
}
