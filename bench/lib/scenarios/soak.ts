import { errorDigest } from "../load";
import { readProc } from "../proc";
import type { ScenarioRow } from "../report";
import { perSecond, summarize } from "../stats";
import { cutNote, floorRatios, loadDeadline, processFigures, type RunContext, settle } from "./context";
import { createAndSync, leadBatch } from "./create";

/** How many ACTON leads the soak creates so the lead processor has handled `target` leads by its end. */
export function soakCount(target: number, processedSoFar: number): number {
    return Math.max(Math.ceil(target / 5), target - processedSoFar);
}

/**
 * Lead processor memory over many leads: ACTON leads are created and synced at the highest concurrency until
 * the process has handled `soakLeads` leads in all (the earlier scenarios' leads count), reading its RSS at six
 * points while the creates run and once Restate is idle again. Flat means the RSS at the end is within 10% of
 * where it stood a third into the soak; the RSS before any lead is kept for comparison.
 */
export async function soakScenario(ctx: RunContext, concurrency: number): Promise<ScenarioRow> {
    const target = ctx.opts.soakLeads;
    const total = soakCount(target, ctx.leadsProcessed);
    const pid = ctx.t.pids().leadProcessor;
    await settle(ctx, "the previous scenario");
    const rss = () => (pid ? readProc(pid)?.rssMb : undefined);
    const before = rss();
    const leadsBefore = ctx.leadsProcessed;
    const step = Math.max(1, Math.floor(total / 6));
    const checkpoints: { leads: number; rssMb: number | undefined }[] = [];
    const outcome = await createAndSync(ctx, leadBatch(ctx, "ACTON", total), concurrency, {
        deadline: loadDeadline(ctx),
        onCreated: (created) => {
            if (created % step === 0) checkpoints.push({ leads: leadsBefore + created, rssMb: rss() });
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
    if (load.cut) problems.push(cutNote(load.started, total));
    const fmt = (v: number | undefined) => (v === undefined ? "?" : v.toFixed(0));
    return {
        scenario: "soak acton",
        concurrency,
        n: load.started,
        status: problems.length === 0 || (problems.length === 1 && load.cut) ? "ok" : "failed",
        note: [
            ...problems,
            `lead processor RSS ${fmt(ctx.rssAtStartMb)} MB before any lead, ${fmt(before)} MB after ${leadsBefore} leads; during the soak (RSS MB @ leads handled) ${checkpoints.map((c) => `${fmt(c.rssMb)}@${c.leads}`).join(", ")}; ${fmt(after)} MB once idle after ${ctx.leadsProcessed} leads`,
        ].join("; "),
        latencyMs: summarize(load.latenciesMs),
        perSecond: rate,
        ...(e2eMs !== undefined ? { e2eSeconds: e2eMs / 1000, e2ePerSecond: e2eRate } : {}),
        ratioToFloor: floorRatios(ctx, concurrency, rate, e2eRate),
        ...processFigures(ctx, outcome.from, outcome.to, Math.max(load.started, 1)),
        errors: load.errors.length,
        extra: {
            target,
            planned: total,
            rssAtStartMb: ctx.rssAtStartMb,
            rssBeforeMb: before,
            rssAfterMb: after,
            checkpoints,
            growthFromThirdMb: growthMb,
            leadsBefore,
            leadsAfter: ctx.leadsProcessed,
        },
    };
}
