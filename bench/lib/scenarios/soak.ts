import { errorDigest } from "../load";
import { readProc } from "../proc";
import type { ScenarioRow } from "../report";
import { perSecond, summarize } from "../stats";
import { floorRatios, processFigures, type RunContext, settle } from "./context";
import { createAndSync, leadBatch } from "./create";

/**
 * Lead processor memory over many leads: `soakLeads` ACTON leads created and synced at the highest
 * concurrency, with the lead processor's RSS read before, at six points while the creates run, and after
 * Restate is idle again. Flat means the RSS after the run is within a few MB of where it stood a third in.
 */
export async function soakScenario(ctx: RunContext, concurrency: number): Promise<ScenarioRow> {
    const total = ctx.opts.soakLeads;
    const pid = ctx.t.pids().leadProcessor;
    await settle(ctx, "the previous scenario");
    const rss = () => (pid ? readProc(pid)?.rssMb : undefined);
    const before = rss();
    const leadsBefore = ctx.leadsProcessed;
    const step = Math.max(1, Math.floor(total / 6));
    const checkpoints: { leads: number; rssMb: number | undefined }[] = [];
    const outcome = await createAndSync(ctx, leadBatch(ctx, "ACTON", total), concurrency, {
        onCreated: (created) => {
            if (created % step === 0) checkpoints.push({ leads: created, rssMb: rss() });
        },
    });
    const after = rss();
    const { load } = outcome;
    const e2eMs = outcome.syncedAt === undefined ? undefined : outcome.syncedAt - load.startedAt;
    const rate = perSecond(outcome.created, load.wallMs);
    const e2eRate = e2eMs === undefined ? undefined : perSecond(outcome.created, e2eMs);
    const third = checkpoints[1]?.rssMb ?? checkpoints[0]?.rssMb;
    const growthMb = after !== undefined && third !== undefined ? after - third : undefined;
    const problems: string[] = [];
    if (load.errors.length > 0) problems.push(`${load.errors.length} creates failed: ${errorDigest(load.errors)}`);
    if (outcome.syncedAt === undefined) problems.push(`${outcome.synced} of ${outcome.created} leads synced`);
    const fmt = (v: number | undefined) => (v === undefined ? "?" : v.toFixed(0));
    return {
        scenario: "soak acton",
        concurrency,
        n: total,
        status: problems.length === 0 ? "ok" : "failed",
        note:
            problems.length > 0
                ? problems.join("; ")
                : `lead processor RSS ${fmt(before)} MB before, ${checkpoints.map((c) => `${fmt(c.rssMb)}@${c.leads}`).join(", ")}, ${fmt(after)} MB after (${ctx.leadsProcessed} leads processed by the process so far)`,
        latencyMs: summarize(load.latenciesMs),
        perSecond: rate,
        ...(e2eMs !== undefined ? { e2eSeconds: e2eMs / 1000, e2ePerSecond: e2eRate } : {}),
        ratioToFloor: floorRatios(ctx, concurrency, rate, e2eRate),
        ...processFigures(ctx, outcome.from, outcome.to, total),
        errors: load.errors.length,
        extra: { rssBeforeMb: before, rssAfterMb: after, checkpoints, growthFromThirdMb: growthMb, leadsBefore },
    };
}
