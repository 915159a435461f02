import { countItems, leadFilter } from "../dynamo";
import { actOnRequest, LeadIds, SYNCED_INTEGRATIONS, web2TextRequest } from "../leads";
import { errorDigest, type LoadResult, runLoad } from "../load";
import type { Mark } from "../proc";
import type { ScenarioRow } from "../report";
import { perSecond, summarize } from "../stats";
import { ingressPost, lastFirstSync, pollUntil } from "../target";
import { budgeted, cutNote, floorRatios, loadDeadline, mark, processFigures, type RunContext, settle } from "./context";

export type LeadKind = keyof typeof SYNCED_INTEGRATIONS;

/** One batch of leads to create: ids sharing a prefix, and their bodies (built before the clock starts). */
export interface LeadBatch {
    kind: LeadKind;
    prefix: string;
    leads: { id: string; body: unknown; phone?: string }[];
}

/** Builds `count` create requests of a kind (WEB2TEXT spread round-robin over the seeded stores). */
export function leadBatch(ctx: RunContext, kind: LeadKind, count: number): LeadBatch {
    const ids = new LeadIds();
    const leads = Array.from({ length: count }, (_, i) => {
        const id = ids.next();
        if (kind === "ACTON") return { id, body: actOnRequest(ctx.actOnRetailer, i) };
        const store = ctx.stores[i % ctx.stores.length];
        if (!store) throw new Error("no seeded Web2Text store");
        const phone = ctx.phones.next();
        return { id, body: web2TextRequest(store, phone, i), phone };
    });
    return { kind, prefix: ids.prefix, leads };
}

/** How a batch went: the load, and when every created lead showed all its integrations SYNCED. */
export interface BatchOutcome {
    load: LoadResult;
    /**
     * performance.now() equivalent of when the last lead finished its first sync (Restate's `completed_at`),
     * once the poll saw every created lead synced; undefined on timeout.
     */
    syncedAt: number | undefined;
    /** performance.now() when the once-a-second poll saw it (shows the poll's lag; not used for rates). */
    detectedAt: number | undefined;
    synced: number;
    created: number;
    from: Mark | undefined;
    to: Mark | undefined;
    /** COUNT scans the completion poll made and their total time (ms), to show what polling cost. */
    polls: { scans: number; ms: number };
}

/** Leads of the batch whose every integration is SYNCED, from one COUNT scan of the projection. */
export function countSynced(ctx: RunContext, batch: LeadBatch, status = "SYNCED"): Promise<number> {
    return countItems(
        ctx.t.db,
        ctx.t.tables.leadStates,
        leadFilter(batch.prefix, SYNCED_INTEGRATIONS[batch.kind], status),
    );
}

/**
 * Creates the batch at `concurrency` through ingress, then polls the projection (one COUNT scan every
 * `pollMs`, 1 s by default, so polling barely loads dynalite) until every created lead has all integrations
 * SYNCED; the moment that happened is then read exactly from Restate (the last lead's first completed sync).
 * Finally waits until Restate is idle, so the CPU window holds all work the leads caused (e.g. the syncs
 * Twilio's greeting webhooks start).
 */
export async function createAndSync(
    ctx: RunContext,
    batch: LeadBatch,
    concurrency: number,
    options: {
        pollMs?: number;
        timeoutMs?: number;
        onCreated?: (created: number) => void;
        /** No create starts after this (performance.now); see `loadDeadline`. */
        deadline?: number | undefined;
    } = {},
): Promise<BatchOutcome> {
    const pollMs = options.pollMs ?? 1000;
    const timeoutMs = budgeted(ctx, options.timeoutMs ?? Math.max(90_000, batch.leads.length * 400));
    let done = 0;
    const from = mark(ctx);
    const wallStart = Date.now();
    const load = await runLoad({
        n: batch.leads.length,
        concurrency,
        ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
        call: async (i) => {
            const lead = batch.leads[i];
            if (!lead) throw new Error(`no lead ${i}`);
            await ingressPost(ctx.t, `/Lead/${lead.id}/create`, lead.body);
            options.onCreated?.(++done);
        },
    });
    const created = load.latenciesMs.length;
    ctx.leadsProcessed += created;
    let synced = 0;
    const polls = { scans: 0, ms: 0 };
    const detectedAt = await pollUntil(
        async () => {
            const t0 = performance.now();
            synced = await countSynced(ctx, batch);
            polls.scans++;
            polls.ms += performance.now() - t0;
            return synced >= created;
        },
        timeoutMs,
        pollMs,
    );
    let syncedAt: number | undefined;
    if (detectedAt !== undefined) {
        const exact = await lastFirstSync(ctx.t, batch.prefix);
        syncedAt =
            exact.lastMs !== undefined && exact.leads >= created
                ? Math.min(detectedAt, load.startedAt + (exact.lastMs - wallStart))
                : detectedAt;
    }
    await settle(ctx, `${batch.kind} leads`, timeoutMs);
    const to = mark(ctx);
    return { load, syncedAt, detectedAt, synced, created, from, to, polls };
}

/** Why leads did not all sync: how many are in ERROR, for the report note. */
async function notSyncedNote(ctx: RunContext, batch: LeadBatch, outcome: BatchOutcome): Promise<string> {
    const errors = await countItems(ctx.t.db, ctx.t.tables.leadStates, {
        FilterExpression: `begins_with(#id, :prefix) AND (${SYNCED_INTEGRATIONS[batch.kind].map((_, k) => `#i.#n${k}.#s = :error`).join(" OR ")})`,
        ExpressionAttributeNames: {
            "#id": "LeadId",
            "#i": "Integrations",
            "#s": "SyncStatus",
            ...Object.fromEntries(SYNCED_INTEGRATIONS[batch.kind].map((name, k) => [`#n${k}`, name])),
        },
        ExpressionAttributeValues: { ":prefix": { S: batch.prefix }, ":error": { S: "ERROR" } },
    }).catch(() => Number.NaN);
    return `${outcome.synced} of ${outcome.created} leads synced before the timeout; ${errors} have an integration in ERROR`;
}

/**
 * Leads of the warm-up before a scenario: `warmup`, but for WEB2TEXT (about ten times an ACTON lead's work)
 * half the concurrency, at least 8, so the warm-up does not eat the time budget.
 */
export function warmupCount(kind: LeadKind, warmup: number, concurrency: number): number {
    return kind === "WEB2TEXT" ? Math.min(warmup, Math.max(8, Math.ceil(concurrency / 2))) : warmup;
}

/** A create-with-sync scenario (ACTON or WEB2TEXT) at one concurrency, after a warm-up of the same kind. */
export async function createScenario(ctx: RunContext, kind: LeadKind, concurrency: number): Promise<ScenarioRow> {
    const { n } = ctx.opts;
    const name = kind === "ACTON" ? "acton" : "web2text";
    const warm = await createAndSync(
        ctx,
        leadBatch(ctx, kind, warmupCount(kind, ctx.opts.warmup, concurrency)),
        concurrency,
    );
    if (warm.load.errors.length > 0) {
        throw new Error(`warm-up failed: ${errorDigest(warm.load.errors)}`);
    }
    if (warm.syncedAt === undefined) throw new Error(`warm-up leads did not sync: ${warm.synced} of ${warm.created}`);

    const batch = leadBatch(ctx, kind, n);
    const outcome = await createAndSync(ctx, batch, concurrency, { deadline: loadDeadline(ctx) });
    const { load } = outcome;
    if (kind === "WEB2TEXT") ctx.lastWeb2TextPrefix = batch.prefix;
    const e2eMs = outcome.syncedAt === undefined ? undefined : outcome.syncedAt - load.startedAt;
    const rate = perSecond(outcome.created, load.wallMs);
    const e2eRate = e2eMs === undefined ? undefined : perSecond(outcome.created, e2eMs);
    const problems: string[] = [];
    if (load.errors.length > 0) problems.push(`${load.errors.length} creates failed: ${errorDigest(load.errors)}`);
    if (outcome.syncedAt === undefined) problems.push(await notSyncedNote(ctx, batch, outcome));
    const remarks = load.cut ? [cutNote(load.started, n)] : [];
    return {
        scenario: name,
        concurrency,
        n: load.started,
        status: problems.length === 0 ? "ok" : "failed",
        ...(problems.length + remarks.length > 0 ? { note: [...problems, ...remarks].join("; ") } : {}),
        latencyMs: summarize(load.latenciesMs),
        perSecond: rate,
        ...(e2eMs !== undefined ? { e2eSeconds: e2eMs / 1000, e2ePerSecond: e2eRate } : {}),
        ratioToFloor: floorRatios(ctx, concurrency, rate, e2eRate),
        ...processFigures(ctx, outcome.from, outcome.to, load.started),
        errors: load.errors.length,
        extra: {
            planned: n,
            idPrefix: batch.prefix,
            completionPoll: outcome.polls,
            pollLagMs:
                outcome.detectedAt !== undefined && outcome.syncedAt !== undefined
                    ? outcome.detectedAt - outcome.syncedAt
                    : undefined,
        },
    };
}
