/**
 * Scenario 5: races. 50 concurrent creates of one lead id (exactly one 200, the rest 409); close racing sync
 * on one lead (CLOSED, integrations CLOSED or never synced, projection equal, a closed thread with exactly one
 * close notice); many WEB2TEXT leads for one store at once (a conversation each, no store-side proxy number
 * shared by two open conversations).
 */
import { actOnRequest } from "../support/factories";
import { conversations, conversationsOfLead } from "../support/twilio";
import { ingress, leadWhen, store } from "../support/web2text";
import {
    actOnCase,
    type Context,
    createResilient,
    pooled,
    projectionDisagreement,
    settleAndCount,
    web2TextCase,
} from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

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

async function closeRacingSync(ctx: Context, tally: Tally) {
    const outcomes: string[] = [];
    let notices = 0;
    for (let i = 0; i < ctx.profile.closeSyncRaces; i++) {
        const lead = i % 2 === 0 ? web2TextCase(ctx, "chicago") : actOnCase();
        await createResilient(ctx, lead);
        // Close and sync at the same moment (the create's own sync may still be running too).
        const [sync, close] = await Promise.all([
            ingress(ctx.t, `/Lead/${lead.id}/sync`, { body: {} }),
            ingress(ctx.t, `/Lead/${lead.id}/close`, { body: { reason: "reliability race" } }),
        ]);
        outcomes.push(`${sync.status}/${close.status}`);
        let problem: string | undefined;
        try {
            const final = await leadWhen(ctx.t, lead.id, "CLOSED", (l) => l.Status === "CLOSED", 60_000);
            const bad = Object.entries(final.Integrations).filter(
                ([, s]) => s.SyncStatus !== "CLOSED" && s.SyncStatus !== "NOT SYNCED",
            );
            if (bad.length) problem = `lead ${lead.id} CLOSED with ${JSON.stringify(Object.fromEntries(bad))}`;
            if (close.status !== 200) problem = `close of ${lead.id}: HTTP ${close.status} ${close.text}`;
            if (![200, 409].includes(sync.status)) problem = `sync of ${lead.id}: HTTP ${sync.status} ${sync.text}`;
            problem ??= await projectionDisagreement(ctx, lead.id);
        } catch (error) {
            problem = error instanceof Error ? error.message : String(error);
        }
        const notice = problem ? undefined : await closeNotices(ctx, lead.id);
        notices += notice?.sent ?? 0;
        tally.attempt(problem ?? notice?.problem, notice?.kind ?? "lost");
    }
    tally.notes.push(
        `close racing sync, sync/close statuses: ${outcomes.join(" ")}; ${notices} close notice(s) in closed threads`,
    );
}

/**
 * The close notice is the product's own message: a closed thread of the lead holds exactly one (none is lost,
 * two is duplicated). A lead closed before its thread was opened has none to send.
 */
async function closeNotices(ctx: Context, leadId: string) {
    let sent = 0;
    for (const thread of await conversationsOfLead(ctx.t, leadId)) {
        const n = thread.messages.filter((m) => m.attributes.Kind === "DealerClose").length;
        sent += n;
        if (n > 1) return { sent, problem: `close notice sent ${n}× in ${thread.sid}`, kind: "duplicated" as const };
        if (n === 0 && thread.state === "closed")
            return { sent, problem: `closed thread ${thread.sid} without a close notice`, kind: "lost" as const };
    }
    return { sent };
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
