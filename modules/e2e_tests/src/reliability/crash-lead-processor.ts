/**
 * Scenario 1: the lead processor is killed (`kill -9`) at random moments while mixed leads are created and
 * synced and WEB2TEXT customers text into their threads. Each kill must land inside work in flight (Restate
 * shows a Lead invocation running at it, cut off and replayed), else the scenario proves nothing and fails.
 */
import { between, crashRepeatedly, whileCrashing } from "../support/crash";
import {
    type Context,
    createResilient,
    customerTexts,
    mixedLeads,
    pooled,
    settleAndCount,
    vendorsAnswerSlowly,
} from "./context";
import {
    attemptsOf,
    describeKill,
    judgeKills,
    type KillSnapshot,
    killSummary,
    type RunningInvocation,
    runningLeadInvocations,
} from "./kill-evidence";
import { type ScenarioResult, Tally } from "./scorecard";

const CAUSE = "kill -9 of the lead processor";
/** Leads created at once. */
const POOL = 6;

export async function crashLeadProcessor(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("crash lead processor (kill -9)");
    const leads = mixedLeads(ctx, ctx.profile.crashLeads);
    const [min, max] = ctx.profile.crashKills;
    const kills = between(ctx.random, min, max);
    const delayMs = [300, ctx.profile.name === "full" ? 6_000 : 2_500] as const;
    // The leads arrive in bursts of POOL spread over the time the kills may take (as traffic does), not all at
    // once: a lead takes tens of milliseconds, so 30 at once end well before the first kill.
    const bursts = Math.ceil(leads.length / POOL);
    const burstEveryMs = (kills * delayMs[1]) / bursts;
    const startedAt = Date.now();
    const arrival = new Map(leads.map((lead, i) => [lead, startedAt + Math.floor(i / POOL) * burstEveryMs]));
    const running: RunningInvocation[][] = [];
    await vendorsAnswerSlowly(ctx);
    const { report } = await whileCrashing(
        () =>
            pooled(leads, POOL, async (lead) => {
                await Bun.sleep(Math.max(0, (arrival.get(lead) ?? 0) - Date.now()));
                await createResilient(ctx, lead);
                if (lead.type === "WEB2TEXT") await customerTexts(ctx, lead);
            }),
        () =>
            crashRepeatedly(ctx.stack, {
                kills,
                delayMs,
                random: ctx.random,
                // Leads finish fast: a kill waits for Lead invocations to be running, so it lands inside work.
                inFlight: async () => (await runningLeadInvocations(ctx.t.admin)).length >= 2,
                // What was in flight just before each kill (the kill evidence reads it back afterwards).
                progress: async () => {
                    const now = await runningLeadInvocations(ctx.t.admin).catch(() => []);
                    running.push(now);
                    return `${now.length} Lead invocation(s) running`;
                },
                log: (line) => tally.notes.push(line),
            }),
    );
    await ctx.vendors.clearFaults();
    const snapshots: KillSnapshot[] = report.kills.map((k, i) => ({
        label: `kill ${i + 1}/${report.kills.length}`,
        at: k.at,
        downMs: k.downMs,
        running: running[i] ?? [],
    }));
    ctx.faults.push(...snapshots.map((k) => ({ cause: CAUSE, label: k.label, from: k.at, to: k.at + k.downMs })));
    await settleAndCount(ctx, tally, leads);

    const { failures, outcomes } = await attemptsOf(
        ctx.t.admin,
        snapshots.flatMap((k) => k.running.map((r) => r.id)),
    );
    const verdicts = judgeKills(snapshots, failures, outcomes);
    tally.notes.push(...verdicts.map(describeKill), killSummary(verdicts));
    if (report.kills.length < min) tally.problem(`only ${report.kills.length} kills`);
    if (!verdicts.some((v) => v.interrupted.length > 0)) {
        tally.problem(`${killSummary(verdicts)}: the kills proved nothing`);
    }
    const texts = leads.reduce((n, l) => n + l.texts.length, 0);
    tally.notes.push(`${report.kills.length} kills during ${leads.length} leads and ${texts} customer texts`);
    return tally.result();
}
