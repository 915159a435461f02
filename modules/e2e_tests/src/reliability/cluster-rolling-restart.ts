/**
 * Cluster scenario 2: a rolling restart of all three Restate nodes, one at a time, each stopped gracefully and
 * started again on its data, the next one only once the cluster is healthy again (every node answers health,
 * SQL over every partition and sees three metadata members) — the procedure a Restate upgrade uses. Leads keep
 * coming through the nodes' ingresses; nothing may be lost or doubled; the longest gap is reported.
 */
import { afterLeadershipSettles, LEADERSHIP_SETTLE_MS, longestGap, underClusterLoad } from "./cluster-load";
import { type Context, settleAndCount } from "./context";
import { runningLeadInvocations } from "./kill-evidence";
import { type ScenarioResult, Tally } from "./scorecard";

const CAUSE = "graceful restart of a Restate node";

export async function rollingRestart(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("rolling restart of the 3 Restate nodes");
    const restarts: { node: string; from: number; stopped: number; healthy: number }[] = [];
    const { leads, answered } = await underClusterLoad(ctx, async () => {
        await Bun.sleep(500);
        for (const [index, node] of ctx.stack.restateNodes.entries()) {
            const running = await runningLeadInvocations(node.urls.admin).catch(() => []);
            const from = Date.now();
            await node.process.stop();
            const stopped = Date.now();
            await ctx.stack.startNode(index);
            const healthy = Date.now();
            restarts.push({ node: `n${index + 1}`, from, stopped, healthy });
            ctx.faults.push({
                cause: CAUSE,
                label: `restart of n${index + 1}`,
                from,
                to: healthy + LEADERSHIP_SETTLE_MS,
            });
            tally.notes.push(
                `n${index + 1}: stopped in ${stopped - from} ms with ${running.length} Lead invocation(s) running, the cluster healthy again ${healthy - stopped} ms later`,
            );
        }
    });
    const times = answered.map((a) => a.at);
    const gap = longestGap(times, Math.min(...times), Math.max(...times));
    const inRestart = restarts.find((r) => gap.from < r.healthy && gap.to > r.from);
    const during = (r: (typeof restarts)[number]) => times.filter((t) => t > r.from && t < r.healthy).length;
    tally.notes.push(
        `creates answered while each node was away: ${restarts.map((r) => `${r.node} ${during(r)}`).join(", ")}`,
    );
    tally.figures.push(
        `longest gap in successful creates ${gap.ms} ms (${inRestart ? `during the restart of ${inRestart.node}` : "between restarts"}) over ${leads.length} leads and 3 restarts`,
    );
    for (const r of restarts) {
        if (during(r) === 0) tally.problem(`no create succeeded while ${r.node} restarted: the cluster did not serve`);
    }
    await settleAndCount(ctx, tally, leads);
    await afterLeadershipSettles(Math.max(...restarts.map((r) => r.healthy)));
    return tally.result();
}
