/**
 * Lead helpers for the integration tests, on top of `./web2text` (targets, lead state): run a sync,
 * wait for integrations with the states seen last in the error, and read what RLM / DHQ copied.
 */
import { z } from "zod";
import { ingressClients, named } from "./ingress-client";
import { LeadView, leadState, type StackTarget } from "./web2text";

/** The integrations every lead of a type ends with (Botpress only runs for leads with a Botpress id). */
export const INTEGRATIONS = {
    ACTON: ["ActOn", "FloorForce"],
    WEB2TEXT: ["Twilio", "RLM", "DHQ"],
} as const;

/** Runs `Lead/{id}/sync` (expecting 200) and returns the lead it left. */
export async function syncLead(t: StackTarget, leadId: string): Promise<LeadView> {
    return LeadView.parse(await named(`sync ${leadId}`, ingressClients(t).lead(leadId).sync(undefined)));
}

/**
 * Polls the lead until `check` accepts it (e.g. an integration reaching ERROR); the timeout error shows the
 * status and integration states it saw last, ErrorInfo included, so a stuck lead says why.
 */
export async function waitForLead(
    t: StackTarget,
    leadId: string,
    what: string,
    check: (lead: LeadView) => boolean,
    timeoutMs = 60_000,
): Promise<LeadView> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer yet";
    while (Date.now() < deadline) {
        try {
            const lead = await leadState(t, leadId);
            if (check(lead)) return lead;
            last = JSON.stringify({ Status: lead.Status, ...lead.Integrations });
        } catch (error) {
            last = error instanceof Error ? error.message : String(error);
        }
        await Bun.sleep(250);
    }
    throw new Error(`lead ${leadId}: no ${what} within ${timeoutMs} ms; last seen: ${last}`);
}

/** Polls the lead until it is ACTIVE with every integration in `names` SYNCED. */
export function waitUntilSynced(
    t: StackTarget,
    leadId: string,
    names: readonly string[],
    timeoutMs = 60_000,
): Promise<LeadView> {
    const synced = (lead: LeadView) =>
        lead.Status === "ACTIVE" && names.every((n) => lead.Integrations[n]?.SyncStatus === "SYNCED");
    return waitForLead(t, leadId, `${names.join(", ")} SYNCED`, synced, timeoutMs);
}

const CopyData = z.looseObject({ SyncedMessageIds: z.array(z.string()) });

/** The conversation messages an RLM or DHQ integration has copied, in copy order ([] when none). */
export function syncedMessageIds(lead: LeadView, integration: "RLM" | "DHQ"): string[] {
    const data = CopyData.safeParse(lead.Integrations[integration]?.Data);
    return data.success ? data.data.SyncedMessageIds : [];
}
