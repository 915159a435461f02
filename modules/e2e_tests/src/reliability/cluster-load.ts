/**
 * The load the cluster scenarios put on a three-node Restate cluster while they take nodes away: a steady
 * stream of mixed leads, created by a few callers, each lead sent first to the next node's ingress in turn and
 * moved to the next node after a failure, as a load balancer in front of the nodes would. Every successful
 * create is timed, so the scenario can report the longest stretch in which none succeeded.
 */
import { type Context, createResilient, type LeadCase, mixedLeads, vendorsAnswerSlowly } from "./context";

export interface LoadOptions {
    /** Leads created at least (the load runs until then even when `until` already holds). */
    minLeads: number;
    /** Leads created at most. */
    maxLeads: number;
    /** Stop taking new leads once this holds (and `minLeads` were taken). */
    until: () => boolean;
    /** Concurrent callers. */
    callers?: number;
    /** Pause of each caller between its leads. */
    pauseMs?: number;
}

export interface LoadResult {
    leads: LeadCase[];
    /** Epoch ms at which each create was answered with success, and through which node's ingress. */
    answered: { at: number; ingress: string }[];
}

/** Runs the load until `options.until()` holds (and at least `minLeads` leads were created). */
export async function clusterLoad(ctx: Context, options: LoadOptions): Promise<LoadResult> {
    const ingresses = ctx.stack.restateNodes.map((n) => n.urls.ingress);
    const planned = mixedLeads(ctx, options.maxLeads);
    const leads: LeadCase[] = [];
    const answered: LoadResult["answered"] = [];
    const next = (): LeadCase | undefined =>
        leads.length < options.minLeads || !options.until() ? planned[leads.length] : undefined;
    await Promise.all(
        Array.from({ length: options.callers ?? 4 }, async () => {
            for (let lead = next(); lead !== undefined; lead = next()) {
                const order = rotated(ingresses, leads.length);
                leads.push(lead);
                const ingress = await createResilient(ctx, lead, 120_000, order);
                answered.push({ at: Date.now(), ingress });
                await Bun.sleep(options.pauseMs ?? 100);
            }
        }),
    );
    return { leads, answered };
}

/**
 * Runs `fault` under the profile's cluster load, with vendors answering slowly (so syncs are in flight when
 * it strikes); the load stops taking new leads once the fault is over and the profile's `clusterLeads` were
 * created.
 */
export async function underClusterLoad(ctx: Context, fault: () => Promise<void>): Promise<LoadResult> {
    await vendorsAnswerSlowly(ctx);
    let done = false;
    const [result] = await Promise.all([
        clusterLoad(ctx, {
            minLeads: ctx.profile.clusterLeads,
            maxLeads: ctx.profile.clusterLeads * 20,
            until: () => done,
            callers: ctx.profile.clusterCallers,
            pauseMs: ctx.profile.clusterPauseMs,
        }),
        fault().finally(() => {
            done = true;
        }),
    ]);
    await ctx.vendors.clearFaults();
    return result;
}

/** The nodes' ingresses starting at the `n`-th (modulo their number), the others after it in turn. */
export function rotated(ingresses: readonly string[], n: number): string[] {
    const first = n % Math.max(1, ingresses.length);
    return [...ingresses.slice(first), ...ingresses.slice(0, first)];
}

/** The longest stretch between `from` and `to` (epoch ms) in which no create succeeded, and where it lay. */
export function longestGap(answeredAt: readonly number[], from: number, to: number) {
    const times = [from, ...answeredAt.filter((t) => t > from && t < to).sort((a, b) => a - b), to];
    let gap = { ms: 0, from, to: from };
    for (let i = 1; i < times.length; i++) {
        const a = times[i - 1] ?? from;
        const b = times[i] ?? from;
        if (b - a > gap.ms) gap = { ms: b - a, from: a, to: b };
    }
    return gap;
}

/** The node a URL belongs to, as the scorecard notes name it: "n2". */
export function nodeOf(ctx: Context, ingress: string): string {
    const i = ctx.stack.restateNodes.findIndex((n) => n.urls.ingress === ingress);
    return i < 0 ? ingress : `n${i + 1}`;
}

/**
 * How long after a node is healthy again Restate may still move partition leaders back to it. A move cuts off
 * the invocation attempts running on the old leader, and the new leader replays them: a vendor write in flight
 * then happens twice, as after a restart (seen 3 s after health in a CI run, where a later scenario's leads were
 * hit). So a node's fault lasts until this much after it is healthy, and the next scenario starts after that.
 */
export const LEADERSHIP_SETTLE_MS = 10_000;

/** Waits until `LEADERSHIP_SETTLE_MS` have passed since `healthyAt`, so the next scenario starts on settled leaders. */
export async function afterLeadershipSettles(healthyAt: number): Promise<void> {
    const remaining = healthyAt + LEADERSHIP_SETTLE_MS - Date.now();
    if (remaining > 0) await Bun.sleep(remaining);
}
