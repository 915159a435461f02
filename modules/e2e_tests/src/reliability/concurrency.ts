/**
 * Scenario 5: races. 50 concurrent creates of one lead id (exactly one 200, the rest 409); close racing sync
 * on one lead, right after its create or (every other WEB2TEXT lead) once its thread is open (CLOSED,
 * integrations CLOSED or never synced, projection equal, every thread closed with exactly one close notice); many WEB2TEXT leads for one store at once (a conversation each, no store-side proxy number
 * shared by two open conversations).
 */
import { actOnRequest } from "../support/factories";
import { waitForLead } from "../support/leads";
import { conversations } from "../support/twilio";
import { ingress, type LeadView, leadWhen, store, TwilioView } from "../support/web2text";
import {
    actOnCase,
    type Context,
    createResilient,
    pooled,
    projectionDisagreement,
    settleAndCount,
    web2TextCase,
} from "./context";
import { type ProblemKind, type ScenarioResult, Tally } from "./scorecard";

export async function concurrency(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("concurrency");
    await sameIdCreates(ctx, tally);
    await closeRacingSync(ctx, tally);
    await oneStore(ctx, tally);
    return tally.result();
}

async function sameIdCreates(ctx: Context, tally: Tally) {
    const id = crypto.randomUUID();
    const body = actOnRequest({ SyncImmediately: true });
    const answers = await Promise.all(
        Array.from({ length: ctx.profile.sameIdCreates }, () => ingress(ctx.t, `/Lead/${id}/create`, { body })),
    );
    const ok = answers.filter((a) => a.status === 200).length;
    const conflict = answers.filter((a) => a.status === 409).length;
    const other = answers.filter((a) => a.status !== 200 && a.status !== 409).map((a) => a.status);
    tally.attempt(
        ok === 1 && conflict === answers.length - 1
            ? undefined
            : `${answers.length} creates of ${id}: ${ok}×200, ${conflict}×409, others ${JSON.stringify(other)}`,
        "duplicated",
    );
    // The one lead syncs once: one ActOn record, one FloorForce form.
    await settleAndCount(ctx, tally, [actOnCase(body, id)]);
    tally.notes.push(`same id: ${ok}×200, ${conflict}×409 of ${answers.length}`);
}

const twilioSyncedIn = (lead: LeadView) => lead.Integrations.Twilio?.SyncStatus === "SYNCED";

async function closeRacingSync(ctx: Context, tally: Tally) {
    const outcomes: string[] = [];
    let closedThreads = 0;
    for (let i = 0; i < ctx.profile.closeSyncRaces; i++) {
        const lead = i % 2 === 0 ? web2TextCase(ctx, "chicago") : actOnCase();
        await createResilient(ctx, lead);
        // Every other WEB2TEXT race starts once the thread is open, so the close has a thread to close.
        if (i % 4 === 2) await waitForLead(ctx.t, lead.id, "Twilio SYNCED", (l) => twilioSyncedIn(l), 60_000);
        // Close and sync at the same moment (the create's own sync may still be running too).
        const [sync, close] = await Promise.all([
            ingress(ctx.t, `/Lead/${lead.id}/sync`, { body: {} }),
            ingress(ctx.t, `/Lead/${lead.id}/close`, { body: { reason: "reliability race" } }),
        ]);
        outcomes.push(`${sync.status}/${close.status}`);
        let problem: string | undefined;
        let kind: ProblemKind = "lost";
        try {
            const final = await leadWhen(ctx.t, lead.id, "CLOSED", (l) => l.Status === "CLOSED", 60_000);
            const bad = Object.entries(final.Integrations).filter(
                ([, s]) => s.SyncStatus !== "CLOSED" && s.SyncStatus !== "NOT SYNCED",
            );
            if (bad.length) problem = `lead ${lead.id} CLOSED with ${JSON.stringify(Object.fromEntries(bad))}`;
            if (close.status !== 200) problem = `close of ${lead.id}: HTTP ${close.status} ${close.text}`;
            if (![200, 409].includes(sync.status)) problem = `sync of ${lead.id}: HTTP ${sync.status} ${sync.text}`;
            problem ??= await projectionDisagreement(ctx, lead.id);
            const notices = await closeNotices(ctx, lead.id, final);
            closedThreads += notices.closed;
            if (!problem && notices.problem) {
                problem = notices.problem;
                kind = notices.kind ?? "lost";
            }
        } catch (error) {
            problem = error instanceof Error ? error.message : String(error);
        }
        tally.attempt(problem, kind);
    }
    tally.notes.push(
        `close racing sync, sync/close statuses: ${outcomes.join(" ")}; ${closedThreads} thread(s) closed with one close notice`,
    );
}

/**
 * The close notice is the product's own message: each thread of a CLOSED lead (the one its Twilio state names,
 * and any still listing the lead) must be closed and hold exactly one (none is lost, two is duplicated). A lead
 * closed before its thread was opened has none.
 */
async function closeNotices(
    ctx: Context,
    leadId: string,
    final: LeadView,
): Promise<{ closed: number; problem?: string; kind?: ProblemKind }> {
    const sid = TwilioView.safeParse(final.Integrations.Twilio?.Data).data?.ConversationSID;
    const threads = (await conversations(ctx.t)).filter((c) => c.sid === sid || c.attributes.LeadIds.includes(leadId));
    const closed = threads.filter((c) => c.state === "closed").length;
    for (const thread of threads) {
        const n = thread.messages.filter((m) => m.attributes.Kind === "DealerClose").length;
        if (n > 1) return { closed, problem: `close notice sent ${n}× in ${thread.sid}`, kind: "duplicated" };
        if (thread.state !== "closed" || n === 0)
            return { closed, problem: `thread ${thread.sid} ${thread.state} with ${n} close notice(s)`, kind: "lost" };
    }
    return { closed };
}

async function oneStore(ctx: Context, tally: Tally) {
    const leads = Array.from({ length: ctx.profile.oneStoreLeads }, () => web2TextCase(ctx, "harbor"));
    await pooled(leads, leads.length, (lead) => createResilient(ctx, lead));
    await settleAndCount(ctx, tally, leads);
    const storeNumber = store("harbor").web2TextNumber;
    const open = (await conversations(ctx.t)).filter((c) => c.state !== "closed");
    const pairs = new Map<string, string[]>();
    for (const c of open) {
        for (const p of c.participants) {
            if (!p.address || !p.proxyAddress) continue;
            const pair = `${p.address}↔${p.proxyAddress}`;
            pairs.set(pair, [...(pairs.get(pair) ?? []), c.sid]);
        }
    }
    const collisions = [...pairs].filter(([, sids]) => sids.length > 1);
    for (const [pair, sids] of collisions)
        tally.problem(`pair ${pair} in open conversations ${sids.join(", ")}`, "duplicated");
    const ofStore = open.filter((c) => c.participants.some((p) => p.address === storeNumber)).length;
    tally.notes.push(
        `${leads.length} leads for one store: ${ofStore} open conversations with its number, ${collisions.length} pair collisions`,
    );
}
