import { errorDigest, runLoad } from "../load";
import type { ScenarioRow } from "../report";
import { perSecond, summarize } from "../stats";
import { ingressPost } from "../target";
import { mark, processFigures, type RunContext, settle } from "./context";

/**
 * The floor: `BenchFloor/{key}/set` (an exclusive handler that sets one state key, in the lead processor's
 * process) called N times over distinct keys with the same load generator as the scenarios.
 */
export async function floorScenario(ctx: RunContext, concurrency: number): Promise<ScenarioRow> {
    const { n, warmup } = ctx.opts;
    const run = crypto.randomUUID().slice(0, 8);
    const call = (prefix: string) => (i: number) => ingressPost(ctx.t, `/BenchFloor/${prefix}-${i}/set`, { i }, false);
    await runLoad({ n: warmup, concurrency, call: call(`${run}-warm`) });
    await settle(ctx, "the floor warm-up");

    const from = mark(ctx);
    const load = await runLoad({ n, concurrency, call: call(`${run}-c${concurrency}`) });
    await settle(ctx, "the floor");
    const to = mark(ctx);
    const ok = load.latenciesMs.length;
    const rate = perSecond(ok, load.wallMs);
    if (load.errors.length === 0) ctx.floor.set(concurrency, rate);
    return {
        scenario: "floor",
        concurrency,
        n,
        status: load.errors.length === 0 ? "ok" : "failed",
        ...(load.errors.length > 0 ? { note: errorDigest(load.errors) } : {}),
        latencyMs: summarize(load.latenciesMs),
        perSecond: rate,
        ...processFigures(ctx, from, to, n),
        errors: load.errors.length,
    };
}
