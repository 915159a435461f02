/** Scenario 1: the lead processor is killed (`kill -9`) at random moments while mixed leads are created and synced. */
import { between, crashRepeatedly, whileCrashing } from "../support/crash";
import { type Context, createResilient, mixedLeads, pooled, settleAndCount } from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

export async function crashLeadProcessor(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("crash lead processor (kill -9)");
    const leads = mixedLeads(ctx, ctx.profile.crashLeads);
    const [min, max] = ctx.profile.crashKills;
    const { report } = await whileCrashing(
        () => pooled(leads, 6, (lead) => createResilient(ctx, lead)),
        () =>
            crashRepeatedly(ctx.stack, {
                kills: between(ctx.random, min, max),
                delayMs: [300, ctx.profile.name === "full" ? 6_000 : 2_500],
                random: ctx.random,
                log: (line) => tally.notes.push(line),
            }),
    );
    await settleAndCount(ctx, tally, leads);
    if (report.kills.length < min) tally.problem(`only ${report.kills.length} kills`);
    tally.notes.push(`${report.kills.length} kills during ${leads.length} leads`);
    return tally.result();
}
