/**
 * Scenario 1: the lead processor is killed (`kill -9`) at random moments while mixed leads are created and
 * synced and WEB2TEXT customers text into their threads.
 */
import { between, crashRepeatedly, whileCrashing } from "../support/crash";
import { type Context, createResilient, customerTexts, mixedLeads, pooled, settleAndCount } from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

const CAUSE = "kill -9 of the lead processor";

export async function crashLeadProcessor(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("crash lead processor (kill -9)");
    const leads = mixedLeads(ctx, ctx.profile.crashLeads);
    const [min, max] = ctx.profile.crashKills;
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
                log: (line) => tally.notes.push(line),
            }),
    );
    ctx.faults.push(
        ...report.kills.map((k, i) => ({
            cause: CAUSE,
            label: `kill ${i + 1}/${report.kills.length}`,
            from: k.at,
            to: k.at + k.downMs,
        })),
    );
    await settleAndCount(ctx, tally, leads);

    if (report.kills.length < min) tally.problem(`only ${report.kills.length} kills`);
    const texts = leads.reduce((n, l) => n + l.texts.length, 0);
    tally.notes.push(`${report.kills.length} kills during ${leads.length} leads and ${texts} customer texts`);
    return tally.result();
}
