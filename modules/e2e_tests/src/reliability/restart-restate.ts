/**
 * Scenario 2: restate-server goes away mid-run and starts again on the same data folder: stopped gracefully,
 * or killed with `kill -9`. Either can lose the answer of a vendor write in flight (the journal entry of a
 * step the vendor already processed), so the restart is a fault window for vendor repeats.
 */

import { type Context, createResilient, mixedLeads, pooled, settleAndCount } from "./context";
import { runningLeadInvocations } from "./kill-evidence";
import { type ScenarioResult, Tally } from "./scorecard";

export const restartRestate =
    (how: "graceful" | "kill9") =>
    async (ctx: Context): Promise<ScenarioResult> => {
        const what = how === "kill9" ? "kill -9 of restate-server" : "graceful restart of restate-server";
        const tally = new Tally(how === "kill9" ? "kill -9 restate-server" : "restart restate-server");
        const leads = mixedLeads(ctx, ctx.profile.restartLeads);
        let created = 0;
        await Promise.all([
            pooled(leads, 4, async (lead) => {
                await createResilient(ctx, lead);
                created += 1;
            }),
            (async () => {
                // Restart while creates and their syncs are in flight.
                await Bun.sleep(300 + Math.floor(ctx.random() * 700));
                const running = await runningLeadInvocations(ctx.t.admin).catch(() => []);
                const answered = created;
                const from = Date.now();
                await ctx.stack.restart("restate", how);
                const to = Date.now();
                ctx.faults.push({ cause: what, label: what, from, to });
                tally.notes.push(
                    `${what}: down ${to - from} ms, after ${answered} of ${leads.length} creates answered, with ${running.length} Lead invocation(s) running`,
                );
            })(),
        ]);
        await settleAndCount(ctx, tally, leads);
        return tally.result();
    };
