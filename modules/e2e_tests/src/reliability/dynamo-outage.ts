/**
 * Scenario 3: dynalite goes away for a while (its data kept on disk) while leads are created and synced:
 * stopped gracefully, or killed with `kill -9`. The leads wait and complete, each lead's final state equals its
 * projection item, and a write probe beside the product shows whether dynalite lost writes it had
 * acknowledged. A DynamoDB outage cannot lose a vendor's answer (vendor calls and projection writes are
 * separate journaled steps), so it adds no fault window: any vendor repeat here fails as a duplicate.
 */
import { DynaliteProbe } from "../support/dynalite-probe";
import { type Context, createResilient, mixedLeads, pooled, projectionDisagreement, settleAndCount } from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

export const dynamoOutage =
    (how: "graceful" | "kill9") =>
    async (ctx: Context): Promise<ScenarioResult> => {
        const tally = new Tally(how === "kill9" ? "DynamoDB kill -9" : "DynamoDB outage");
        const leads = mixedLeads(ctx, ctx.profile.dynamoLeads);
        const probe = new DynaliteProbe(ctx.stack.urls.dynamo);
        await probe.create();
        let back = false;
        await Promise.all([
            pooled(leads, 4, (lead) => createResilient(ctx, lead, 180_000)),
            probe.writeUntil(() => back),
            (async () => {
                await Bun.sleep(200 + Math.floor(ctx.random() * 500));
                const dynamo = ctx.stack.parts.dynamo;
                await (how === "kill9" ? dynamo.kill9() : dynamo.stop());
                await Bun.sleep(ctx.profile.dynamoOutageMs);
                await ctx.stack.startPart("dynamo");
                back = true;
                tally.notes.push(
                    `dynalite ${how === "kill9" ? "killed (SIGKILL)" : "stopped"}, down ${ctx.profile.dynamoOutageMs} ms`,
                );
            })(),
        ]);
        await settleAndCount(ctx, tally, leads);
        await pooled(leads, 6, async (lead) => {
            const disagreement = await projectionDisagreement(ctx, lead.id);
            if (disagreement) tally.problem(disagreement, "lost");
        });
        const lost = await probe.lost();
        tally.attempt(
            lost.length
                ? `dynalite lost ${lost.length} of ${probe.acknowledged.length} acknowledged probe writes (items ${lost.slice(0, 10).join(", ")}…)`
                : undefined,
            "lost",
        );
        tally.notes.push(
            `write probe: ${probe.acknowledged.length} puts acknowledged, ${lost.length} of them lost; ${probe.failed} puts failed while dynalite was down`,
        );
        return tally.result();
    };
