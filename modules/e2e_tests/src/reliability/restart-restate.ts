/** Scenario 2: restate-server is stopped mid-run and started again on the same data folder. */
import { type Context, createResilient, mixedLeads, pooled, settleAndCount } from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

export async function restartRestate(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("restart restate-server");
    const leads = mixedLeads(ctx, ctx.profile.restartLeads);
    const half = Math.ceil(leads.length / 2);
    await Promise.all([
        pooled(leads, 4, (lead) => createResilient(ctx, lead)),
        (async () => {
            // Restart once half the leads were sent, while their syncs are in flight.
            await Bun.sleep(300 + Math.floor(ctx.random() * 700));
            const started = Date.now();
            await ctx.stack.restart("restate", "graceful");
            tally.notes.push(`restate-server down ${Date.now() - started} ms (after ~${half} creates sent)`);
        })(),
    ]);
    await settleAndCount(ctx, tally, leads);
    return tally.result();
}
