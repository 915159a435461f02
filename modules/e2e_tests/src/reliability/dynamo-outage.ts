/**
 * Scenario 3: dynalite stops for a while (its data kept on disk) while leads are created and synced. The
 * leads wait and complete, and each lead's final state equals its projection item.
 */
import { type Context, createResilient, mixedLeads, pooled, projectionDisagreement, settleAndCount } from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

export async function dynamoOutage(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("DynamoDB outage");
    const leads = mixedLeads(ctx, ctx.profile.dynamoLeads);
    await Promise.all([
        pooled(leads, 4, (lead) => createResilient(ctx, lead, 180_000)),
        (async () => {
            await Bun.sleep(200 + Math.floor(ctx.random() * 500));
            await ctx.stack.parts.dynamo.stop();
            await Bun.sleep(ctx.profile.dynamoOutageMs);
            await ctx.stack.startPart("dynamo");
            tally.notes.push(`dynalite down ${ctx.profile.dynamoOutageMs} ms`);
        })(),
    ]);
    await settleAndCount(ctx, tally, leads);
    await pooled(leads, 6, async (lead) => {
        const disagreement = await projectionDisagreement(ctx, lead.id);
        if (disagreement) tally.problem(disagreement, "lost");
    });
    return tally.result();
}
