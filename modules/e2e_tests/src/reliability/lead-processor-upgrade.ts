/**
 * Cluster scenario 3: a rolling upgrade of the lead processor with invocations in flight. A second lead
 * processor process starts and is registered as a new deployment while leads of a first batch are being synced
 * (vendors answer slowly); a second batch follows. Restate keeps each invocation on the deployment it started
 * on: the ones in flight must finish on the old deployment, the ones started after the registration must run
 * on the new one. Once no invocation pinned to the old deployment is unfinished, it is removed and its process
 * stopped. No invocation may fail, and every lead must finish with nothing lost or doubled.
 */
import { registerDeployment } from "devstack";
import { z } from "zod";
import { deployments, removeDeployment } from "../support/restate-deployments";
import { restateRows, sqlString } from "../support/restate-sql";
import { rotated } from "./cluster-load";
import { type Context, createResilient, mixedLeads, pooled, settleAndCount, vendorsAnswerSlowly } from "./context";
import { type RunningInvocation, runningLeadInvocations } from "./kill-evidence";
import { type ScenarioResult, Tally } from "./scorecard";

/** How long each vendor takes to answer, so a batch's syncs are still running when the upgrade comes. */
const VENDOR_LATENCY_MS = 1_000;
const DRAIN_TIMEOUT_MS = 120_000;

const Invocation = z.object({
    id: z.string(),
    target: z.string(),
    status: z.string(),
    // Restate's JSON rows leave out what is null.
    pinned_deployment_id: z.string().nullish(),
    completion_result: z.string().nullish(),
    completion_failure: z.string().nullish(),
    created_at: z.string(),
});
type Invocation = z.output<typeof Invocation>;

const Count = z.object({ n: z.coerce.number() });

/** Every invocation of the leads `ids` (status polls included). */
function invocationsOf(adminUrl: string, ids: readonly string[]): Promise<Invocation[]> {
    return restateRows(
        adminUrl,
        "SELECT id, target, status, pinned_deployment_id, completion_result, completion_failure, created_at " +
            `FROM sys_invocation WHERE target_service_name = 'Lead' AND target_service_key IN (${ids.map(sqlString).join(", ")})`,
        Invocation,
    );
}

/** Invocations pinned to `deployment` that have not finished (a delayed send not yet started is not pinned). */
async function unfinishedOn(adminUrl: string, deployment: string): Promise<number> {
    const [row] = await restateRows(
        adminUrl,
        `SELECT count(1) AS n FROM sys_invocation WHERE pinned_deployment_id = ${sqlString(deployment)} AND status <> 'completed'`,
        Count,
    );
    return row?.n ?? 0;
}

export async function upgradeLeadProcessor(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("rolling upgrade of the lead processor");
    const admin = ctx.t.admin;
    const ingresses = ctx.stack.restateNodes.map((n) => n.urls.ingress);
    const [old] = (await deployments(admin)).filter((d) => d.uri?.startsWith(ctx.stack.urls.service));
    if (!old) throw new Error(`no deployment of the lead processor at ${ctx.stack.urls.service}`);
    const half = Math.ceil(ctx.profile.upgradeLeads / 2);
    const before = mixedLeads(ctx, half);
    const after = mixedLeads(ctx, ctx.profile.upgradeLeads - half);
    const create = (leads: typeof before) =>
        pooled(leads, 4, (lead) => createResilient(ctx, lead, 120_000, rotated(ingresses, leads.indexOf(lead))));

    await vendorsAnswerSlowly(ctx, VENDOR_LATENCY_MS);
    const firstBatch = create(before);
    let inFlight: RunningInvocation[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && inFlight.length < 2) {
        await Bun.sleep(50);
        inFlight = await runningLeadInvocations(admin).catch(() => []);
    }
    const next = await ctx.stack.startExtraLeadProcessor();
    const registeredAt = Date.now();
    const fresh = await registerDeployment(admin, next.url);
    tally.notes.push(
        `new deployment ${fresh} (${next.url}) registered beside ${old.id} with ${inFlight.length} Lead invocation(s) in flight on the old one`,
    );
    await Promise.all([firstBatch, create(after)]);

    const drainStarted = Date.now();
    while ((await unfinishedOn(admin, old.id)) > 0) {
        if (Date.now() - drainStarted > DRAIN_TIMEOUT_MS) {
            tally.problem(`the old deployment ${old.id} did not drain in ${DRAIN_TIMEOUT_MS} ms`);
            break;
        }
        await Bun.sleep(200);
    }
    const drainedMs = Date.now() - drainStarted;
    await removeDeployment(admin, old.id);
    await ctx.stack.parts.leadProcessor.stop();
    await ctx.vendors.clearFaults();
    const left = await deployments(admin);
    tally.notes.push(
        `old deployment drained ${drainedMs} ms after the last create was answered, then removed and its process stopped; deployments now: ${left.map((d) => d.id).join(", ")}`,
    );
    if (left.some((d) => d.id === old.id) || !left.some((d) => d.id === fresh)) {
        tally.problem(`after the upgrade Restate lists ${left.map((d) => d.id).join(", ")}, not only ${fresh}`);
    }

    await settleAndCount(ctx, tally, [...before, ...after]);
    judgeUpgrade(
        tally,
        await invocationsOf(
            admin,
            [...before, ...after].map((l) => l.id),
        ),
        {
            old: old.id,
            fresh,
            inFlight: new Set(inFlight.map((r) => r.id)),
            registeredAt,
        },
    );
    return tally.result();
}

/**
 * The upgrade's properties over the leads' invocations: the ones in flight at the registration finished
 * successfully on the old deployment, none started after it ran on the old one, and none failed.
 */
function judgeUpgrade(
    tally: Tally,
    invocations: readonly Invocation[],
    u: { old: string; fresh: string; inFlight: Set<string>; registeredAt: number },
) {
    const finishedOld = invocations.filter((i) => u.inFlight.has(i.id));
    const failed = invocations.filter((i) => i.status === "completed" && i.completion_result !== "success");
    // created_at is when Restate took the call; a call taken after the registration starts on the new deployment.
    const lateOnOld = invocations.filter(
        (i) => i.pinned_deployment_id === u.old && Date.parse(i.created_at) > u.registeredAt + 1_000,
    );
    const onNew = invocations.filter((i) => i.pinned_deployment_id === u.fresh).length;
    const onOld = invocations.filter((i) => i.pinned_deployment_id === u.old).length;
    tally.notes.push(
        `${invocations.length} Lead invocations: ${onOld} ran on the old deployment, ${onNew} on the new one; of the ${u.inFlight.size} in flight at the upgrade, ${finishedOld.filter((i) => i.pinned_deployment_id === u.old && i.completion_result === "success").length} finished on the old one`,
    );
    tally.figures.push(
        `${u.inFlight.size} invocation(s) in flight finished on the old deployment, ${onNew} ran on the new one, ${failed.length} failed`,
    );
    if (u.inFlight.size === 0) tally.problem("no Lead invocation was in flight at the upgrade: it proved nothing");
    for (const i of finishedOld) {
        if (i.pinned_deployment_id !== u.old || i.completion_result !== "success") {
            tally.problem(
                `${i.target} (${i.id}) was in flight at the upgrade but ended ${i.completion_result ?? i.status} on ${i.pinned_deployment_id}`,
            );
        }
    }
    for (const i of lateOnOld) tally.problem(`${i.target} (${i.id}) started after the upgrade on the old deployment`);
    for (const i of failed) tally.problem(`${i.target} (${i.id}) failed: ${i.completion_failure}`);
    if (onNew === 0) tally.problem("no invocation ran on the new deployment");
}
