/**
 * What every scenario gets: one private stack (restate-server and dynalite on a persistent data folder, every
 * part logging to a file), the profile's sizes, a seeded random source, and the checks scenarios share
 * (settle a batch of leads and count lost and doubled work).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Stack } from "devstack";
import { createDocumentClient, LeadStatesTable, tableNames } from "lead-processor";
import { CRASH_RESTATE_ENV, seededRandom } from "../support/crash";
import { actOnRequest } from "../support/factories";
import { INTEGRATIONS, syncedMessageIds, waitForLead } from "../support/leads";
import { startOwnStack } from "../support/own-stack";
import { conversations, inbox, textAs } from "../support/twilio";
import { SandboxVendors } from "../support/vendors";
import {
    type LeadView,
    leadState,
    type SeededStore,
    type StackTarget,
    TwilioView,
    targetOf,
    uniquePhone,
    web2TextLead,
} from "../support/web2text";
import { countLead, type FaultWindow, type LeadCase, postsByKey } from "./lead-records";
import type { ProblemKind, Tally } from "./scorecard";

export type { LeadCase } from "./lead-records";

/**
 * `short` and `full` run the single-node scenarios; `cluster` and `cluster-short` run the cluster scenarios on a
 * three-node Restate cluster (`cluster-short` is the form inside `bun run test`).
 */
export type ProfileName = "short" | "full" | "cluster" | "cluster-short";

export interface Profile {
    name: ProfileName;
    /** restate-server processes: 1, or a three-node cluster for the cluster scenarios. */
    restateNodes: 1 | 3;
    /** Cluster scenarios: leads created while one node is killed, and at least while each node restarts. */
    clusterLeads: number;
    /** How long the killed node stays down while leads keep coming (the cluster serves on two nodes). */
    nodeDownMs: number;
    /** Callers of the cluster scenarios' load, and each one's pause between leads (the load runs for as long as the
     * faults take, so these set how many leads a scenario makes). */
    clusterCallers: number;
    clusterPauseMs: number;
    /** Leads of the lead processor upgrade: half in flight when the new deployment is registered, half after. */
    upgradeLeads: number;
    crashLeads: number;
    crashKills: readonly [min: number, max: number];
    restartLeads: number;
    dynamoLeads: number;
    dynamoOutageMs: number;
    faultLeadsPerCase: number;
    /** RLM fault delay: the full profile outlasts the client's 60 s timeout, the short one only slows RLM. */
    rlmDelayMs: number;
    sameIdCreates: number;
    closeSyncRaces: number;
    oneStoreLeads: number;
    hostileBodies: number;
    forgedWebhooks: number;
}

const SHORT: Profile = {
    name: "short",
    restateNodes: 1,
    clusterLeads: 12,
    clusterCallers: 2,
    clusterPauseMs: 1_000,
    nodeDownMs: 3_000,
    upgradeLeads: 8,
    crashLeads: 30,
    crashKills: [2, 3],
    restartLeads: 12,
    dynamoLeads: 8,
    dynamoOutageMs: 3_000,
    faultLeadsPerCase: 1,
    rlmDelayMs: 3_000,
    sameIdCreates: 50,
    closeSyncRaces: 3,
    oneStoreLeads: 20,
    hostileBodies: 80,
    forgedWebhooks: 20,
};

const FULL: Profile = {
    name: "full",
    restateNodes: 1,
    clusterLeads: 120,
    clusterCallers: 4,
    clusterPauseMs: 200,
    nodeDownMs: 10_000,
    upgradeLeads: 40,
    crashLeads: 300,
    crashKills: [6, 8],
    restartLeads: 60,
    dynamoLeads: 40,
    dynamoOutageMs: 10_000,
    faultLeadsPerCase: 3,
    rlmDelayMs: 61_000,
    sameIdCreates: 50,
    closeSyncRaces: 10,
    oneStoreLeads: 100,
    hostileBodies: 400,
    forgedWebhooks: 100,
};

export const PROFILES: Record<ProfileName, Profile> = {
    short: SHORT,
    full: FULL,
    cluster: { ...FULL, name: "cluster", restateNodes: 3 },
    "cluster-short": { ...SHORT, name: "cluster-short", restateNodes: 3 },
};

/** Extra Twilio pool numbers, so hundreds of conversations can be open at once (the seed has 13). */
export const EXTRA_POOL = Array.from({ length: 400 }, (_, i) => `+1646555${String(2000 + i)}`);

export interface Context {
    stack: Stack;
    t: StackTarget;
    vendors: SandboxVendors;
    profile: Profile;
    seed: number;
    random: () => number;
    logDir: string;
    /** Every customer number the run used (the log scan looks for them). */
    phones: Set<string>;
    /** Every secret the run handed out (API keys it seeded); the log scan looks for them. */
    secrets: Set<string>;
    /**
     * Every fault of the run that can lose a vendor's answer (kills and restarts of the lead processor or
     * restate-server, vendor delays past the client's timeout): a vendor repeat needs one between its POSTs.
     */
    faults: FaultWindow[];
    leadStates: LeadStatesTable;
    log: (line: string) => void;
    stop: () => Promise<void>;
}

export async function startContext(profile: Profile, seed: number, log: (line: string) => void): Promise<Context> {
    const dataDir = mkdtempSync(join(tmpdir(), "reliability-data-"));
    const logDir = mkdtempSync(join(tmpdir(), "reliability-logs-"));
    const stack = await startOwnStack({
        dataDir,
        logDir,
        restateEnv: CRASH_RESTATE_ENV,
        restateNodes: profile.restateNodes,
        // Given to the sandbox before the proxy starts, so the proxy's first pool load already has them.
        extraPoolNumbers: EXTRA_POOL,
        onUnexpectedExit: ({ name, code, signal }) => log(`  [stack] ${name} exited (code ${code}, signal ${signal})`),
    });
    const t = targetOf(stack);
    const db = createDocumentClient({ region: "us-east-1", endpoint: stack.urls.dynamo });
    return {
        stack,
        t,
        vendors: new SandboxVendors(t),
        profile,
        seed,
        random: seededRandom(seed),
        logDir,
        phones: new Set(),
        secrets: new Set([stack.apiKey]),
        faults: [],
        leadStates: new LeadStatesTable(db, tableNames(stack.tablePrefix).leadStates),
        log,
        stop: async () => {
            await stack.stop();
            rmSync(dataDir, { recursive: true, force: true });
        },
    };
}

/** The vendors of a lead's sync (their sandbox stand-ins), as the fault switch names them. */
const SYNC_VENDORS = ["acton", "floorforce", "rlm", "dhq"];

/**
 * Makes every vendor of a lead's sync answer after `delayMs` (until `ctx.vendors.clearFaults()`), as the real
 * ones take hundreds of milliseconds where the local stand-ins answer in one or two: a sync is then in flight
 * long enough for a kill, a restart or an upgrade to land inside it.
 */
export async function vendorsAnswerSlowly(ctx: Context, delayMs = 250): Promise<void> {
    for (const service of SYNC_VENDORS) await ctx.vendors.fault({ service, delayMs, seconds: 3_600 });
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function pooled<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
    const queue = [...items];
    await Promise.all(
        Array.from({ length: limit }, async () => {
            for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
        }),
    );
}

/** A fresh customer number no other lead of the run uses. */
export function freshPhone(ctx: Context): string {
    for (;;) {
        const phone = uniquePhone();
        if (!ctx.phones.has(phone)) {
            ctx.phones.add(phone);
            return phone;
        }
    }
}

/** `n` leads, every third a WEB2TEXT one (spread over two stores), all synced right away. */
export function mixedLeads(ctx: Context, n: number, stores: SeededStore[] = ["chicago", "evanston"]): LeadCase[] {
    return Array.from({ length: n }, (_, i) => {
        if (i % 3 === 2) return web2TextCase(ctx, stores[i % stores.length] ?? "chicago");
        return actOnCase(actOnRequest({ SyncImmediately: true, Lead: { listId: `l-rel-${i % 4}` } }));
    });
}

/** An ACTON lead for `request` (by default synced right away), told apart by its e-mail. */
export function actOnCase(request = actOnRequest({ SyncImmediately: true }), id = crypto.randomUUID()): LeadCase {
    return { type: "ACTON", id, key: request.Lead["E-mail Address"], tag: "", request, texts: [] };
}

export function web2TextCase(ctx: Context, store: SeededStore): LeadCase {
    const phone = freshPhone(ctx);
    const tag = `Rel${crypto.randomUUID().slice(0, 8)}`;
    return {
        type: "WEB2TEXT",
        id: crypto.randomUUID(),
        key: phone,
        tag,
        request: web2TextLead(store, phone, { Name: `Casey ${tag}` }),
        texts: [],
    };
}

/**
 * Creates a lead through ingress, retrying while the stack is partly down (connection refused, 5xx). A 409
 * after an earlier attempt counts as created when the lead exists: the earlier attempt got through. Given
 * several `ingresses` (a cluster's nodes), it starts at the first and moves to the next after each failure, as
 * a load balancer takes a dead node out; it returns the ingress that answered.
 */
export async function createResilient(
    ctx: Context,
    lead: LeadCase,
    timeoutMs = 120_000,
    ingresses: readonly string[] = [ctx.t.ingress],
): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let attempts = 0;
    let last = "";
    while (Date.now() < deadline) {
        const ingress = ingresses[attempts % ingresses.length] ?? ctx.t.ingress;
        attempts += 1;
        try {
            const res = await fetch(`${ingress}/Lead/${lead.id}/create`, {
                method: "POST",
                headers: { authorization: `Bearer ${ctx.t.apiKey}`, "content-type": "application/json" },
                body: JSON.stringify(lead.request),
            });
            last = `HTTP ${res.status} ${(await res.text()).slice(0, 200)}`;
            if (res.status === 200) return ingress;
            if (
                res.status === 409 &&
                attempts > 1 &&
                (await leadState({ ...ctx.t, ingress }, lead.id)).Status !== "NONEXISTANT"
            ) {
                return ingress;
            }
            if (res.status < 500 && res.status !== 409) break;
        } catch (error) {
            last = error instanceof Error ? error.message : String(error);
        }
        await Bun.sleep(ingresses.length > 1 ? 50 : 300);
    }
    throw new Error(`create ${lead.id} failed: ${last}`);
}

/**
 * Waits for every lead to be ACTIVE with all integrations SYNCED and every customer text copied to RLM and
 * DHQ (else it is lost), then counts what each lead made (`./lead-records`): lost, duplicated, or a vendor
 * repeat explained by a fault in `ctx.faults`. Each lead is one attempt on the tally.
 */
export async function settleAndCount(ctx: Context, tally: Tally, leads: LeadCase[], timeoutMs = 180_000) {
    const lost = new Map<string, string>();
    const finals = new Map<string, LeadView>();
    await pooled(leads, 8, async (lead) => {
        try {
            finals.set(lead.id, await waitUntilSettled(ctx, lead, timeoutMs));
        } catch (error) {
            lost.set(lead.id, error instanceof Error ? error.message : String(error));
        }
    });
    const [acton, forms, rlm, dhq, threads, ...calls] = await Promise.all([
        ctx.vendors.actOn(),
        ctx.vendors.floorForce(),
        ctx.vendors.rlm(),
        ctx.vendors.dhq(),
        conversations(ctx.t),
        ...(["rlm", "dhq", "acton", "floorforce"] as const).map((v) => ctx.vendors.calls(v)),
    ]);
    const records = { acton, forms, rlm, dhq, threads, posts: postsByKey(calls.flat()) };
    await pooled(leads, 6, async (lead) => {
        const inboxOfLead = lead.type === "WEB2TEXT" ? await inbox(ctx.t, lead.key) : [];
        const verdict = countLead(lead, records, inboxOfLead, ctx.faults);
        for (const repeat of verdict.vendorRepeats) tally.vendorRepeat(repeat);
        const lostWhy = lost.get(lead.id);
        const problems = [...(lostWhy ? [lostWhy] : []), ...verdict.lost, ...verdict.duplicated];
        const kinds: ProblemKind[] = [
            ...(lostWhy || verdict.lost.length ? ["lost" as const] : []),
            ...(verdict.duplicated.length ? ["duplicated" as const] : []),
        ];
        tally.attempt(problems.length ? `${lead.type} ${lead.id}: ${problems.join("; ")}` : undefined, kinds);
    });
    tally.leads += leads.length;
    return finals;
}

/**
 * Polls the lead until it is ACTIVE with every integration SYNCED and, for a WEB2TEXT lead whose customer
 * texted, RLM and DHQ have copied as many messages as were texted.
 */
function waitUntilSettled(ctx: Context, lead: LeadCase, timeoutMs: number): Promise<LeadView> {
    const names = INTEGRATIONS[lead.type];
    return waitForLead(
        ctx.t,
        lead.id,
        `${names.join(", ")} SYNCED${lead.texts.length ? ` with ${lead.texts.length} text(s) copied` : ""}`,
        (l) =>
            l.Status === "ACTIVE" &&
            names.every((n) => l.Integrations[n]?.SyncStatus === "SYNCED") &&
            (["RLM", "DHQ"] as const).every(
                (n) => lead.texts.length === 0 || syncedMessageIds(l, n).length >= lead.texts.length,
            ),
        timeoutMs,
    );
}

/**
 * Texts once from the customer of a WEB2TEXT lead into its thread, as soon as the thread is open (Twilio
 * SYNCED, so its webhooks are set): a body unique in the run, remembered on the lead for the count.
 */
export async function customerTexts(ctx: Context, lead: LeadCase, timeoutMs = 120_000): Promise<void> {
    const synced = await waitForLead(
        ctx.t,
        lead.id,
        "Twilio SYNCED",
        (l) => l.Integrations.Twilio?.SyncStatus === "SYNCED",
        timeoutMs,
    );
    const thread = TwilioView.parse(synced.Integrations.Twilio?.Data);
    const body = `Reliability text ${lead.tag}`;
    lead.texts.push(body);
    await textAs(ctx.t, lead.key, thread.CustomerProxyNumber, body);
}

/**
 * Waits until the lead's projection item agrees with its state (Status and every integration's SyncStatus);
 * returns the disagreement still seen after `timeoutMs`, or undefined.
 */
export async function projectionDisagreement(ctx: Context, leadId: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
        try {
            const state = await leadState(ctx.t, leadId);
            const item = (await ctx.leadStates.get(leadId)) as
                | { Status?: string; Integrations?: Record<string, { SyncStatus?: string }> }
                | undefined;
            const fromState = { Status: state.Status, ...syncStatuses(state.Integrations) };
            const fromItem = { Status: item?.Status, ...syncStatuses(item?.Integrations ?? {}) };
            if (JSON.stringify(fromState) === JSON.stringify(fromItem)) return undefined;
            last = `state ${JSON.stringify(fromState)} ≠ projection ${JSON.stringify(fromItem)}`;
        } catch (error) {
            last = error instanceof Error ? error.message : String(error);
        }
        await Bun.sleep(300);
    }
    return `lead ${leadId}: ${last}`;
}

function syncStatuses(integrations: Record<string, { SyncStatus?: string | undefined }>) {
    return Object.fromEntries(
        Object.keys(integrations)
            .sort()
            .map((name) => [name, integrations[name]?.SyncStatus]),
    );
}
