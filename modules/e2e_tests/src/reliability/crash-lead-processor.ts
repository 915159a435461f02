/**
 * Scenario 1: the lead processor is killed (`kill -9`) at random moments while mixed leads are created and
 * synced and WEB2TEXT customers text into their threads. Each kill must land inside work in flight (Restate
 * shows a Lead invocation running at it, cut off and replayed), else the scenario proves nothing and fails.
 */
import { between, crashRepeatedly, whileCrashing } from "../support/crash";
import { type Context, createResilient, customerTexts, mixedLeads, pooled, settleAndCount } from "./context";
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

export async function crashLeadProcessor(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("crash lead processor (kill -9)");
    const leads = mixedLeads(ctx, ctx.profile.crashLeads);
    const [min, max] = ctx.profile.crashKills;
    const running: RunningInvocation[][] = [];
    const { report } = await whileCrashing(
        () =>
            pooled(leads, 6, async (lead) => {
                await createResilient(ctx, lead);
                if (lead.type === "WEB2TEXT") await customerTexts(ctx, lead);
            }),
        () =>
            crashRepeatedly(ctx.stack, {
                kills: between(ctx.random, min, max),
                delayMs: [300, ctx.profile.name === "full" ? 6_000 : 2_500],
                random: ctx.random,
                // What was in flight just before each kill (the kill evidence reads it back afterwards).
                progress: async () => {
                    const now = await runningLeadInvocations(ctx.t.admin).catch(() => []);
                    running.push(now);
                    return `${now.length} Lead invocation(s) running`;
                },
                log: (line) => tally.notes.push(line),
            }),
    );
    const kills: KillSnapshot[] = report.kills.map((k, i) => ({
        label: `kill ${i + 1}/${report.kills.length}`,
        at: k.at,
        downMs: k.downMs,
        running: running[i] ?? [],
    }));
    ctx.faults.push(...kills.map((k) => ({ cause: CAUSE, label: k.label, from: k.at, to: k.at + k.downMs })));
    await settleAndCount(ctx, tally, leads);

    const { failures, outcomes } = await attemptsOf(
        ctx.t.admin,
        kills.flatMap((k) => k.running.map((r) => r.id)),
    );
    const verdicts = judgeKills(kills, failures, outcomes);
    tally.notes.push(...verdicts.map(describeKill), killSummary(verdicts));
    if (report.kills.length < min) tally.problem(`only ${report.kills.length} kills`);
    if (!verdicts.some((v) => v.interrupted.length > 0)) {
        tally.problem(`${killSummary(verdicts)}: the kills proved nothing`);
    }
    const texts = leads.reduce((n, l) => n + l.texts.length, 0);
    tally.notes.push(`${report.kills.length} kills during ${leads.length} leads and ${texts} customer texts`);
    return tally.result();
}
