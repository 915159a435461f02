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
