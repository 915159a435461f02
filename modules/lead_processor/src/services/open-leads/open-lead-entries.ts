import { IsoDateTime, Uuid } from "common";
import { z } from "zod";

/** One open lead of a customer at a store, as the `OpenLeads` index keeps it. */
export const OpenLeadEntry = z.object({ LeadId: Uuid, DateSubmitted: IsoDateTime });
export type OpenLeadEntry = z.infer<typeof OpenLeadEntry>;

/** The body of `OpenLeads/{key}/forget`. */
export const ForgetRequest = z.object({ LeadId: Uuid });

/** What `claim` does to the entries: the claimer is the only open lead left; the others are to be closed. */
export interface Claimed {
    entries: OpenLeadEntry[];
    previous: OpenLeadEntry[];
}

/** The entries with `entry` in them once (a repeated add changes nothing). */
export function withEntry(entries: readonly OpenLeadEntry[], entry: OpenLeadEntry): OpenLeadEntry[] {
    return [...withoutLead(entries, entry.LeadId), entry];
}

/** The entries without the lead `leadId` (none to remove changes nothing). */
export function withoutLead(entries: readonly OpenLeadEntry[], leadId: string): OpenLeadEntry[] {
    return entries.filter((e) => e.LeadId !== leadId);
}

/** `entry` claims the key: it becomes the only entry, and every other one is returned to be closed. */
export function claim(entries: readonly OpenLeadEntry[], entry: OpenLeadEntry): Claimed {
    return { entries: [entry], previous: withoutLead(entries, entry.LeadId) };
}

/** The most recently submitted open lead, or null when there is none. */
export function newest(entries: readonly OpenLeadEntry[]): OpenLeadEntry | null {
    let found: OpenLeadEntry | null = null;
    for (const entry of entries) {
        if (!found || Date.parse(entry.DateSubmitted) >= Date.parse(found.DateSubmitted)) found = entry;
    }
    return found;
}

/** What a lookup answers: the customer's open WEB2TEXT lead at the store, or `null`. */
export interface OpenLeadAnswer {
    OpenLead: { LeadId: string; DateSubmitted: string; Status: "ACTIVE" } | null;
}

/**
 * The answer for a key's entries: the newest open lead. The index holds open leads only, so `Status` is always
 * ACTIVE (`Lead/{id}/status` shows a sync in progress as SYNCING).
 */
export function openLeadAnswer(entries: readonly OpenLeadEntry[]): OpenLeadAnswer {
    const entry = newest(entries);
    return { OpenLead: entry ? { ...entry, Status: "ACTIVE" } : null };
}
