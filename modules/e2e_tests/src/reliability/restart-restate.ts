/**
 * Scenario 2: restate-server is stopped mid-run and started again on the same data folder. That can lose the
 * answer of a vendor write in flight (the journal entry of a step the vendor already processed), so the
 * restart is a fault window for vendor repeats.
 */
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
            const from = Date.now();
            await ctx.stack.restart("restate", "graceful");
            const to = Date.now();
            const cause = "graceful restart of restate-server";
            ctx.faults.push({ cause, label: cause, from, to });
            tally.notes.push(`restate-server down ${to - from} ms (after ~${half} creates sent)`);
        })(),
    ]);
    await settleAndCount(ctx, tally, leads);
    return tally.result();
}
