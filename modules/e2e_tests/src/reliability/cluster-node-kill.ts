/**
 * Cluster scenario 1: one of the three Restate nodes is killed with `kill -9` while leads are created and
 * synced, stays down while the load goes on (the cluster serves on two nodes: replication 2), and is started
 * again on its data. The load generator moves a failed create to the next node's ingress. Every lead must
 * finish with nothing lost or doubled; the longest stretch without a successful create is reported.
 */
import { between } from "../support/crash";
import { afterLeadershipSettles, LEADERSHIP_SETTLE_MS, longestGap, nodeOf, underClusterLoad } from "./cluster-load";
import { type Context, settleAndCount } from "./context";
import { attemptsOf, describeKill, judgeKills, type RunningInvocation, runningLeadInvocations } from "./kill-evidence";
import { type ScenarioResult, Tally } from "./scorecard";

const CAUSE = "kill -9 of a Restate node";

export async function killClusterNode(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("kill -9 one Restate node (of 3)");
    // Node n1's ingress is the one the sandbox's Twilio webhooks and the suite's admin queries use (in production
    // a load balancer stands there): the kill takes n2 or n3.
    const victim = between(ctx.random, 1, 2);
    const name = `n${victim + 1}`;
    let killedAt = 0;
    let backAt = 0;
    let running: RunningInvocation[] = [];
    const started = Date.now();
    const { leads, answered } = await underClusterLoad(ctx, async () => {
        // Kill once Lead invocations run (or after a few seconds anyway).
        const deadline = Date.now() + 5_000;
        while (Date.now() < deadline && (await runningLeadInvocations(ctx.t.admin).catch(() => [])).length < 2) {
            await Bun.sleep(25);
        }
        running = await runningLeadInvocations(ctx.t.admin).catch(() => []);
        killedAt = Date.now();
        await ctx.stack.killNode(victim);
        await Bun.sleep(ctx.profile.nodeDownMs);
        await ctx.stack.startNode(victim);
        backAt = Date.now();
    });
    ctx.faults.push({ cause: CAUSE, label: `kill -9 of ${name}`, from: killedAt, to: backAt + LEADERSHIP_SETTLE_MS });

    const times = answered.map((a) => a.at);
    const whileDown = answered.filter((a) => a.at > killedAt && a.at < backAt);
    const firstAfter = Math.min(...times.filter((t) => t > killedAt));
    const gap = longestGap(times, Math.min(...times), Math.max(...times));
    tally.notes.push(
        `kill -9 of ${name} ${killedAt - started} ms into the load, with ${running.length} Lead invocation(s) running; down ${ctx.profile.nodeDownMs} ms, the cluster healthy again ${backAt - killedAt} ms after the kill`,
        `${whileDown.length} of ${leads.length} creates answered while ${name} was down or rejoining (through ${[...new Set(whileDown.map((a) => nodeOf(ctx, a.ingress)))].join(", ") || "no node"}); the first ${firstAfter - killedAt} ms after the kill`,
    );
    tally.figures.push(
        `longest gap in successful creates ${gap.ms} ms (${gap.from - killedAt} to ${gap.to - killedAt} ms from the kill of ${name}), ${whileDown.length} creates answered until it was back`,
    );
    if (whileDown.length === 0) tally.problem(`no create succeeded while ${name} was down: the cluster did not serve`);
    await settleAndCount(ctx, tally, leads);

    const { failures, outcomes } = await attemptsOf(
        ctx.t.admin,
        running.map((r) => r.id),
    );
    const [verdict] = judgeKills(
        [{ label: `kill -9 of ${name}`, at: killedAt, downMs: backAt - killedAt, running }],
        failures,
        outcomes,
    );
    if (verdict) tally.notes.push(describeKill(verdict));
    await afterLeadershipSettles(backAt);
    return tally.result();
}
