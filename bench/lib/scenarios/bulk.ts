import { batchPut } from "../dynamo";
import { LeadIds, syncedActOnItem } from "../leads";
import type { ScenarioRow } from "../report";
import { perSecond, summarize } from "../stats";
import { ingressPost, pollUntil, restateSql, sqlCount, sqlString } from "../target";
import { budgeted, failedRow, floorRatios, mark, processFigures, type RunContext, settle } from "./context";

interface BulkAnswer {
    Count: number;
    Result: unknown[];
    NextCursor?: string;
}

async function bulk(ctx: RunContext, body: Record<string, unknown>): Promise<BulkAnswer> {
    const answer = await ingressPost(ctx.t, "/Admin/bulk", body);
    return JSON.parse(answer.text) as BulkAnswer;
}

/** Calls Admin/bulk until no NextCursor is left; latency of each call and the leads counted. */
async function pageThrough(ctx: RunContext, body: Record<string, unknown>) {
    const latencies: number[] = [];
    let count = 0;
    let cursor: string | undefined;
    const t0 = performance.now();
    do {
        const started = performance.now();
        const answer = await bulk(ctx, { ...body, ...(cursor ? { Cursor: cursor } : {}) });
        latencies.push(performance.now() - started);
        count += answer.Count;
        cursor = answer.NextCursor;
    } while (cursor);
    return { latencies, count, ms: performance.now() - t0 };
}

/**
 * Admin bulk over leads that exist only in the projection: `bulkLeads` synced ACTON items are written to
 * LeadStates directly (BatchWriteItem), as leads of the system this replaces would be, under one
 * UniversalRetailerId that nothing else has, so the Filter selects exactly them.
 *
 * - FIND: every lead paged with `Limit: 1000` and `Cursor`/`NextCursor` (and once in a single call).
 * - SYNC (`Async: true`): the fan-out (one-way `Lead/{id}/sync` per lead, accepted when Admin/bulk answers),
 *   then until every sync invocation completed. The first exclusive call on each Lead object takes the lead
 *   over from its projection (lead-store.ts `loadLead`), so this SYNC is also what makes the leads known to
 *   Restate; both integrations are already SYNCED, so it re-syncs without vendor writes.
 */
export async function bulkScenario(ctx: RunContext): Promise<ScenarioRow[]> {
    const total = ctx.opts.bulkLeads;
    const retailer = crypto.randomUUID();
    const ids = new LeadIds();
    const at = new Date().toISOString();
    const items = Array.from({ length: total }, (_, i) => syncedActOnItem(ids.next(), retailer, i, at));
    const writeStart = performance.now();
    await batchPut(ctx.t.db, ctx.t.tables.leadStates, items);
    const writeMs = performance.now() - writeStart;
    ctx.log(`  wrote ${total} leads to the projection in ${(writeMs / 1000).toFixed(1)} s`);
    const filter = { UniversalRetailerId: retailer };
    const rows: ScenarioRow[] = [];

    try {
        await bulk(ctx, { Operation: "FIND", Filter: filter, Limit: 100 }); // warm-up
        const from = mark(ctx);
        const paged = await pageThrough(ctx, { Operation: "FIND", Filter: filter, Limit: 1000 });
        const to = mark(ctx);
        const single = await pageThrough(ctx, { Operation: "FIND", Filter: filter });
        const ok = paged.count === total;
        rows.push({
            scenario: "bulk FIND",
            concurrency: 1,
            n: total,
            status: ok ? "ok" : "failed",
            note: ok
                ? `${paged.latencies.length} pages of Limit 1000 in ${(paged.ms / 1000).toFixed(2)} s; without Limit ${single.latencies.length} call(s), ${(single.ms / 1000).toFixed(2)} s; latency columns are per page`
                : `paging found ${paged.count} of ${total} leads`,
            latencyMs: summarize(paged.latencies),
            perSecond: perSecond(paged.count, paged.ms),
            e2eSeconds: paged.ms / 1000,
            e2ePerSecond: perSecond(paged.count, paged.ms),
            ...processFigures(ctx, from, to, total),
            extra: { pages: paged.latencies.length, singleCallMs: single.ms, singleCallCount: single.count, writeMs },
        });
    } catch (error) {
        rows.push(failedRow("bulk FIND", 1, total, error));
    }

    try {
        const like = sqlString(`${ids.prefix}%`);
        const completed = () =>
            sqlCount(
                ctx.t,
                `SELECT count(*) AS n FROM sys_invocation WHERE target_service_name = 'Lead' AND target_handler_name = 'sync' AND status = 'completed' AND target_service_key LIKE ${like}`,
            );
        const from = mark(ctx);
        const wallStart = Date.now();
        const started = performance.now();
        const fanOut = await pageThrough(ctx, { Operation: "SYNC", Filter: filter, Async: true });
        const accepted = mark(ctx);
        ctx.log(
            `  SYNC fan-out of ${fanOut.count} sends accepted in ${(fanOut.ms / 1000).toFixed(1)} s; waiting for the syncs`,
        );
        let done = 0;
        const doneAt = await pollUntil(
            async () => {
                done = await completed();
                return done >= fanOut.count;
            },
            budgeted(ctx, Math.max(120_000, total * 60)),
            1000,
        );
        // The moment the last sync completed, as Restate recorded it (the poll runs once a second).
        const lastDone =
            doneAt === undefined
                ? undefined
                : Date.parse(
                      String(
                          (
                              await restateSql(
                                  ctx.t,
                                  `SELECT max(completed_at) AS last FROM sys_invocation WHERE target_service_name = 'Lead' AND target_handler_name = 'sync' AND status = 'completed' AND target_service_key LIKE ${like}`,
                              )
                          )[0]?.last,
                      ),
                  );
        if (doneAt !== undefined) await settle(ctx, "the bulk SYNC", 120_000);
        const to = mark(ctx);
        const endAt =
            doneAt !== undefined && lastDone !== undefined && Number.isFinite(lastDone)
                ? Math.min(doneAt, started + (lastDone - wallStart))
                : (doneAt ?? performance.now());
        const elapsedMs = endAt - started;
        if (doneAt === undefined) done = await completed().catch(() => done);
        ctx.leadsProcessed += done;
        const known = await sqlCount(
            ctx.t,
            `SELECT count(*) AS n FROM state WHERE service_name = 'Lead' AND service_key LIKE ${like}`,
        );
        const failed = await sqlCount(
            ctx.t,
            `SELECT count(*) AS n FROM sys_invocation WHERE target_service_name = 'Lead' AND target_handler_name = 'sync' AND completion_result = 'failure' AND target_service_key LIKE ${like}`,
        );
        const acceptRate = perSecond(fanOut.count, fanOut.ms);
        const doneRate = perSecond(done, elapsedMs);
        const problems: string[] = [];
        if (fanOut.count !== total) problems.push(`the fan-out reached ${fanOut.count} of ${total} leads`);
        if (failed > 0) problems.push(`${failed} syncs failed`);
        if (doneAt !== undefined && known !== total) {
            problems.push(`${known} of ${total} Lead objects hold state afterwards`);
        }
        const finished =
            doneAt !== undefined
                ? `every Lead object took its lead over from the projection and finished its sync in ${(elapsedMs / 1000).toFixed(1)} s`
                : `within the time budget ${done} of ${fanOut.count} syncs completed in ${(elapsedMs / 1000).toFixed(0)} s (e2e/s is that rate; all would take ≈ ${(fanOut.count / doneRate).toFixed(0)} s)`;
        rows.push({
            scenario: "bulk SYNC",
            concurrency: 1,
            n: total,
            status: problems.length === 0 ? "ok" : "failed",
            note: [
                ...problems,
                `fan-out accepted in ${(fanOut.ms / 1000).toFixed(2)} s (${fanOut.latencies.length} call(s)); ${finished}; creates/s column = sends accepted/s`,
            ].join("; "),
            latencyMs: summarize(fanOut.latencies),
            perSecond: acceptRate,
            ...(doneAt !== undefined ? { e2eSeconds: elapsedMs / 1000 } : {}),
            e2ePerSecond: doneRate,
            ratioToFloor: floorRatios(ctx, Math.max(...ctx.opts.concurrency), undefined, doneRate),
            ...processFigures(ctx, from, to, Math.max(done, 1)),
            extra: {
                acceptMs: fanOut.ms,
                // Peak RSS while Admin/bulk journaled the sends, then while the syncs ran.
                peakRssMbWhileAccepting: processFigures(ctx, from, accepted, 1).peakRssMb,
                peakRssMbWhileSyncing: processFigures(ctx, accepted, to, 1).peakRssMb,
                calls: fanOut.latencies.length,
                completed: done,
                finished: doneAt !== undefined,
                leadsKnownToRestate: known,
                failedSyncs: failed,
            },
        });
    } catch (error) {
        rows.push(failedRow("bulk SYNC", 1, total, error));
    }
    return rows;
}
