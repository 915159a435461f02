import { lastCallSeq, recordedCalls } from "../sandbox";
import { ingressPost, lastFirstSync, pollUntil, restateSql, sqlString } from "../target";
import { nexusCalls } from "../targets";
import { type RunContext, settle } from "./context";
import { countSynced, type LeadKind, leadBatch } from "./create";

/** Where one lead's work goes: invocations, journal entries, round trips, DynamoDB and vendor calls. */
export interface LeadProfile {
    kind: LeadKind;
    /** Invocations of the Lead object, by handler (`create`, `sync`…). */
    leadInvocations: Record<string, number>;
    /** TwilioWebhooks invocations the lead caused (webhooks of its own greetings). */
    webhookInvocations: number;
    /** Journal entries of all those invocations, by entry type. */
    journalEntries: Record<string, number>;
    /** `ctx.run` steps by name (each one waits for Restate to journal its result: one round trip). */
    runSteps: Record<string, number>;
    /** Invocations + run steps + lazy state reads: the times the handler waits on restate-server. */
    roundTrips: number;
    /** Run steps that read or write DynamoDB (the API-key check is cached and not counted). */
    dynamoCalls: number;
    /** HTTP calls the sandbox recorded, by vendor. */
    vendorCalls: Record<string, number>;
    /** Of those, calls to Nexus (either API; the Cognito token requests not counted). */
    nexusCalls: number;
    /** Create latency and time until all integrations SYNCED, alone on an idle stack (ms). */
    createMs: number;
    syncedMs: number | undefined;
}

/** Steps that call DynamoDB ("Verify API Key" is cached in-process for 30 s, so it is not counted). */
const DYNAMO_STEP = /DynamoDB|opt-out|Scan LeadStates/i;

const count = (into: Record<string, number>, key: string) => {
    into[key] = (into[key] ?? 0) + 1;
};

async function invocationIds(ctx: RunContext, where: string): Promise<{ id: string; handler: string }[]> {
    const rows = await restateSql(
        ctx.t,
        `SELECT id, target_handler_name AS handler FROM sys_invocation WHERE ${where}`,
    );
    return rows.map((r) => ({ id: String(r.id), handler: String(r.handler) }));
}

/** Creates one lead of `kind` on an idle stack and counts what it cost (journal, DynamoDB, vendors). */
export async function profileLead(ctx: RunContext, kind: LeadKind): Promise<LeadProfile> {
    await settle(ctx, "the previous scenario");
    const batch = leadBatch(ctx, kind, 1);
    const lead = batch.leads[0];
    if (!lead) throw new Error("no lead");
    const hooksBefore = new Set(
        (await invocationIds(ctx, "target_service_name = 'TwilioWebhooks'")).map((row) => row.id),
    );
    const seq = await lastCallSeq(ctx.t);
    const wallT0 = Date.now();
    const t0 = performance.now();
    await ingressPost(ctx.t, `/Lead/${lead.id}/create`, lead.body);
    const createMs = performance.now() - t0;
    const detected = await pollUntil(async () => (await countSynced(ctx, batch)) >= 1, 60_000, 250);
    const exact = detected === undefined ? undefined : (await lastFirstSync(ctx.t, batch.prefix)).lastMs;
    await settle(ctx, `the ${kind} profile lead`);
    ctx.leadsProcessed += 1;

    const own = await invocationIds(ctx, `target_service_name = 'Lead' AND target_service_key = ${sqlString(lead.id)}`);
    const hooks = (await invocationIds(ctx, "target_service_name = 'TwilioWebhooks'")).filter(
        (row) => !hooksBefore.has(row.id),
    );
    const all = [...own, ...hooks];
    const entries =
        all.length === 0
            ? []
            : await restateSql(
                  ctx.t,
                  `SELECT entry_type, name FROM sys_journal WHERE id IN (${all.map((r) => sqlString(r.id)).join(", ")})`,
              );
    const leadInvocations: Record<string, number> = {};
    for (const row of own) count(leadInvocations, row.handler);
    const journalEntries: Record<string, number> = {};
    const runSteps: Record<string, number> = {};
    let lazyReads = 0;
    for (const entry of entries) {
        const type = String(entry.entry_type);
        count(journalEntries, type);
        if (type === "Command: Run") count(runSteps, String(entry.name ?? "") || "(unnamed: ctx.date)");
        if (/GetLazyState|GetLazyStateKeys/.test(type)) lazyReads++;
    }
    const runs = Object.values(runSteps).reduce((a, b) => a + b, 0);
    const dynamoCalls = Object.entries(runSteps)
        .filter(([name]) => DYNAMO_STEP.test(name))
        .reduce((a, [, n]) => a + n, 0);
    const vendorCalls: Record<string, number> = {};
    for (const call of await recordedCalls(ctx.t, seq)) {
        // The proxy re-reads its pool every 30 s; that is not this lead's doing.
        if (/\/Services\/MG[^/]+\/PhoneNumbers/.test(call.path ?? "")) continue;
        count(vendorCalls, call.service);
    }
    return {
        kind,
        leadInvocations,
        webhookInvocations: hooks.length,
        journalEntries,
        runSteps,
        roundTrips: all.length + runs + lazyReads,
        dynamoCalls,
        vendorCalls,
        nexusCalls: nexusCalls(vendorCalls),
        createMs,
        syncedMs: exact === undefined ? undefined : exact - wallT0,
    };
}
