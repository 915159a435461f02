/**
 * Scenario 4: vendor faults through the sandbox's fault switch (per vendor, so the cases run one after the
 * other with nothing else in flight). During a fault an integration is either retried to SYNCED or ends in
 * ERROR with ErrorInfo; after the fault a `Lead/{id}/sync` heals it; nothing is created twice.
 */
import type { FaultRequest } from "sandbox";
import { syncLead } from "../support/leads";
import type { LeadView } from "../support/web2text";
import {
    actOnCase,
    type Context,
    createResilient,
    type LeadCase,
    pooled,
    settleAndCount,
    web2TextCase,
} from "./context";
import { type ScenarioResult, Tally } from "./scorecard";

interface FaultCase {
    name: string;
    fault: FaultRequest;
    lead: (ctx: Context) => LeadCase;
    /** The integration the fault hits. */
    integration: string;
    /** true: the fault outlasts the sync's retries, so the integration must end in ERROR with ErrorInfo. */
    endsInError: boolean;
    /**
     * Set when the fault can lose the answer of a write the vendor processed (a delay past the client's
     * timeout): the fault is then a window for vendor repeats, named by this cause.
     */
    losesAnswers?: string;
}

/** The product's RLM client gives up after 60 s (`modules/lead_processor/src/clients/rlm`). */
const RLM_CLIENT_TIMEOUT_MS = 60_000;

const acton = () => actOnCase();
const web2text = (ctx: Context) => web2TextCase(ctx, "evanston");

function cases(ctx: Context): FaultCase[] {
    return [
        {
            name: "Twilio 503 (down)",
            fault: { service: "twilio", status: 503, count: 100_000 },
            lead: web2text,
            integration: "Twilio",
            endsInError: true,
        },
        {
            name: "Twilio 500 ×2",
            fault: { service: "twilio", status: 500, count: 2 },
            lead: web2text,
            integration: "Twilio",
            endsInError: false,
        },
        {
            name: "Twilio 429 Retry-After 1",
            fault: { service: "twilio", status: 429, count: 2, retryAfter: 1 },
            lead: web2text,
            integration: "Twilio",
            endsInError: false,
        },
        {
            name: `RLM delayed ${ctx.profile.rlmDelayMs} ms`,
            fault: { service: "rlm", delayMs: ctx.profile.rlmDelayMs, count: 1 },
            lead: web2text,
            integration: "RLM",
            endsInError: false,
            ...(ctx.profile.rlmDelayMs > RLM_CLIENT_TIMEOUT_MS
                ? { losesAnswers: `RLM answering after the client's ${RLM_CLIENT_TIMEOUT_MS / 1000} s timeout` }
                : {}),
        },
        {
            name: "RLM 503 (down)",
            fault: { service: "rlm", status: 503, count: 100_000 },
            lead: web2text,
            integration: "RLM",
            endsInError: true,
        },
        {
            name: "ActOn token/API 401 (down)",
            fault: { service: "acton", status: 401, count: 100_000 },
            lead: acton,
            integration: "ActOn",
            endsInError: true,
        },
        {
            name: "ActOn 500 ×2",
            fault: { service: "acton", status: 500, count: 2 },
            lead: acton,
            integration: "ActOn",
            endsInError: false,
        },
    ];
}

/** The lead, created with SyncImmediately false (its create looks the customer up at Twilio, before the fault). */
function unsynced(lead: LeadCase): LeadCase {
    return { ...lead, request: { ...(lead.request as Record<string, unknown>), SyncImmediately: false } };
}

/** `Lead/{id}/sync`: the lead it left, or undefined when the call failed. */
async function trySync(ctx: Context, leadId: string): Promise<LeadView | undefined> {
    return syncLead(ctx.t, leadId).catch(() => undefined);
}

export async function vendorFaults(ctx: Context): Promise<ScenarioResult> {
    const tally = new Tally("vendor faults");
    const all: LeadCase[] = [];
    for (const c of cases(ctx)) {
        const leads = Array.from({ length: ctx.profile.faultLeadsPerCase }, () => unsynced(c.lead(ctx)));
        await pooled(leads, 3, (lead) => createResilient(ctx, lead));
        await ctx.vendors.clearFaults();
        const from = Date.now();
        await ctx.vendors.fault(c.fault);
        try {
            await pooled(leads, 3, async (lead) => {
                const during = await trySync(ctx, lead.id);
                const s = during?.Integrations[c.integration];
                const right = c.endsInError
                    ? s?.SyncStatus === "ERROR" && s.ErrorInfo !== undefined
                    : s?.SyncStatus === "SYNCED" && s.ErrorInfo === undefined;
                if (!right)
                    tally.problem(`${c.name}: ${lead.id} ${c.integration} during the fault: ${JSON.stringify(s)}`);
            });
        } finally {
            await ctx.vendors.clearFaults();
            if (c.losesAnswers) ctx.faults.push({ cause: c.losesAnswers, label: c.name, from, to: Date.now() });
        }
        if (c.endsInError) {
            // The vendor is back: a later sync heals the integration.
            await pooled(leads, 3, async (lead) => {
                const s = (await trySync(ctx, lead.id))?.Integrations[c.integration];
                if (s?.SyncStatus !== "SYNCED" || s.ErrorInfo !== undefined) {
                    tally.problem(`${c.name}: ${lead.id} after the healing sync: ${JSON.stringify(s)}`, "lost");
                }
            });
        }
        all.push(...leads);
        tally.notes.push(
            `${c.name}: ${leads.length} lead(s) ${c.endsInError ? "ERROR then healed" : "retried to SYNCED"}`,
        );
    }
    // Every lead ends with all integrations SYNCED and one record per vendor, one conversation, two greetings.
    await settleAndCount(ctx, tally, all, 150_000);
    return tally.result();
}
