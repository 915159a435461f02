import { leadFilter, scanItems } from "../dynamo";
import { errorDigest, runLoad } from "../load";
import type { ScenarioRow } from "../report";
import { copyCounts, copyVerdict, lastCallSeq, recordedCalls, textAs } from "../sandbox";
import { perSecond, summarize } from "../stats";
import { pollUntil } from "../target";
import { budgeted, cutNote, floorRatios, loadDeadline, mark, processFigures, type RunContext, settle } from "./context";
import { createAndSync, leadBatch } from "./create";

interface Thread {
    leadId: string;
    customer: string;
    customerProxy: string;
}

/** The customer and the pool number the customer texts, of each lead of the batch, from the projection. */
async function threadsOf(ctx: RunContext, prefix: string): Promise<Thread[]> {
    const items = await scanItems(ctx.t.db, ctx.t.tables.leadStates, leadFilter(prefix), {
        expression: "#id, #lead.#phone, #i.#tw.#data",
        names: { "#lead": "Lead", "#phone": "PhoneNumber", "#i": "Integrations", "#tw": "Twilio", "#data": "Data" },
    });
    return items.flatMap((item) => {
        const lead = item.Lead as { PhoneNumber?: string } | undefined;
        const twilio = (item.Integrations as { Twilio?: { Data?: { CustomerProxyNumber?: string } } } | undefined)
            ?.Twilio;
        const proxy = twilio?.Data?.CustomerProxyNumber;
        return typeof item.LeadId === "string" && lead?.PhoneNumber && proxy
            ? [{ leadId: item.LeadId, customer: lead.PhoneNumber, customerProxy: proxy }]
            : [];
    });
}

/**
 * Twilio webhook storm over `conversations` WEB2TEXT threads: those of the last WEB2TEXT scenario's leads, or
 * leads created and synced for it first (not measured). Each customer texts its thread through the sandbox
 * (`POST /__sandbox/sms`), so the sandbox's Twilio adds the message and posts a signed `onMessageAdded`
 * webhook to `TwilioWebhooks/sync` itself, as Twilio would. Measured: from the first text until every message
 * is an RLM note and a DHQ comment; then each copy is counted per message sid (missing, duplicated).
 */
export async function stormScenario(ctx: RunContext, concurrency: number): Promise<ScenarioRow> {
    const { messages, conversations } = ctx.opts.storm;
    let threads = ctx.lastWeb2TextPrefix ? await threadsOf(ctx, ctx.lastWeb2TextPrefix) : [];
    let reused = true;
    if (threads.length < conversations) {
        reused = false;
        const batch = leadBatch(ctx, "WEB2TEXT", conversations);
        const setup = await createAndSync(ctx, batch, Math.min(concurrency, 16));
        if (setup.load.errors.length > 0) {
            throw new Error(`creating the storm's leads: ${errorDigest(setup.load.errors)}`);
        }
        if (setup.syncedAt === undefined) {
            throw new Error(`storm leads did not sync: ${setup.synced} of ${setup.created}`);
        }
        threads = await threadsOf(ctx, batch.prefix);
    }
    threads = threads.slice(0, conversations);
    if (threads.length < conversations) {
        throw new Error(`only ${threads.length} of ${conversations} storm leads have a Twilio conversation`);
    }
    const seq = await lastCallSeq(ctx.t);
    const sids: string[] = [];

    const from = mark(ctx);
    const wallStart = Date.now();
    const deadline = loadDeadline(ctx, 0.5);
    const load = await runLoad({
        n: messages,
        concurrency,
        ...(deadline !== undefined ? { deadline } : {}),
        call: async (i) => {
            const thread = threads[i % threads.length];
            if (!thread) throw new Error("no thread");
            sids[i] = await textAs(ctx.t, thread.customer, thread.customerProxy, `Storm message ${i}: any news?`);
        },
    });
    const sent = new Set(sids.filter((sid): sid is string => typeof sid === "string"));
    let last = await copyCounts(ctx.t, sent);
    const detectedAt = await pollUntil(
        async () => {
            last = await copyCounts(ctx.t, sent);
            return last.rlm.size >= sent.size && last.dhq.size >= sent.size;
        },
        budgeted(ctx, Math.max(120_000, messages * 200)),
        1000,
    );
    await settle(ctx, "the storm");
    const to = mark(ctx);

    last = await copyCounts(ctx.t, sent);
    // The moment the last copy was stored, from the sandbox's own record (the poll runs once a second).
    const copiedAt =
        detectedAt === undefined
            ? undefined
            : last.lastCreatedMs === undefined
              ? detectedAt
              : Math.min(detectedAt, load.startedAt + (last.lastCreatedMs - wallStart));
    const rlm = copyVerdict(sent, last.rlm);
    const dhq = copyVerdict(sent, last.dhq);
    const webhooks = await webhookFigures(ctx, seq, sent);
    const e2eMs = copiedAt === undefined ? undefined : copiedAt - load.startedAt;
    const rate = perSecond(sent.size, load.wallMs);
    const e2eRate = e2eMs === undefined ? undefined : perSecond(sent.size, e2eMs);
    const exactlyOnce = rlm.missing + rlm.duplicated + dhq.missing + dhq.duplicated === 0 && sent.size === load.started;
    const problems: string[] = [];
    if (load.errors.length > 0) problems.push(`${load.errors.length} texts failed: ${errorDigest(load.errors)}`);
    if (copiedAt === undefined) problems.push("not every message was copied before the timeout");
    if (load.cut) problems.push(cutNote(load.started, messages));
    if (!exactlyOnce) {
        problems.push(
            `RLM missing ${rlm.missing} duplicated ${rlm.duplicated}; DHQ missing ${dhq.missing} duplicated ${dhq.duplicated}`,
        );
    }
    return {
        scenario: "storm",
        concurrency,
        n: sent.size,
        status: problems.length === 0 ? "ok" : "failed",
        note:
            problems.length > 0
                ? problems.join("; ")
                : `${sent.size} messages over ${conversations} conversations (${reused ? "threads of the WEB2TEXT scenario's leads" : "leads created for the storm"}) each copied exactly once to RLM and DHQ; ${webhooks.delivered} onMessageAdded webhooks answered 2xx (${webhooks.retries} retries)`,
        latencyMs: summarize(load.latenciesMs),
        perSecond: rate,
        ...(e2eMs !== undefined ? { e2eSeconds: e2eMs / 1000, e2ePerSecond: e2eRate } : {}),
        ratioToFloor: floorRatios(ctx, concurrency, undefined, e2eRate),
        ...processFigures(ctx, from, to, Math.max(sent.size, 1)),
        errors: load.errors.length,
        extra: {
            planned: messages,
            conversations,
            reusedWeb2TextThreads: reused,
            exactlyOnce,
            rlm: { ...rlm, replays: last.replays.rlm },
            dhq: { ...dhq, replays: last.replays.dhq },
            webhooks,
            latencyNote:
                "latency and creates/s columns are of the texts (POST /__sandbox/sms); e2e/s is messages copied to both vendors per second",
        },
    };
}

/** onMessageAdded webhooks the sandbox posted for the storm's messages: delivered, failed attempts, retries. */
async function webhookFigures(ctx: RunContext, since: number, sids: ReadonlySet<string>) {
    const calls = await recordedCalls(ctx.t, since, "twilio-webhooks");
    let delivered = 0;
    let failedAttempts = 0;
    let retries = 0;
    const statuses: Record<string, number> = {};
    for (const call of calls) {
        const body = call.body as {
            eventType?: string;
            ok?: boolean;
            status?: number;
            attempt?: number;
            params?: Record<string, string>;
        };
        if (body.eventType !== "onMessageAdded" || !sids.has(body.params?.MessageSid ?? "")) continue;
        statuses[String(body.status)] = (statuses[String(body.status)] ?? 0) + 1;
        if (body.ok) delivered++;
        else failedAttempts++;
        if ((body.attempt ?? 0) > 0) retries++;
    }
    return { delivered, failedAttempts, retries, statuses };
}
