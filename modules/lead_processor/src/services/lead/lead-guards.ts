import { Uuid } from "common";
import { badRequest, conflict } from "common/restate";
import type { LeadStatus } from "../../lead/lead-schemas";
import type { SubmittedLead } from "../../lead/lead-state";

/** The object key must be a UUID. */
export function requireLeadId(key: string): string {
    if (!Uuid.safeParse(key).success) throw badRequest("Lead ID is not a valid UUIDv4");
    return key;
}

/** The lead must exist and be in one of `allowed`; otherwise 409. */
export function requireStatus(leadId: string, lead: SubmittedLead | undefined, allowed: LeadStatus[]): SubmittedLead {
    if (!lead || !allowed.includes(lead.Status)) throw wrongStatus(leadId, lead?.Status ?? "NONEXISTANT");
    return lead;
}

/** The 409 of the public contract. */
export function wrongStatus(leadId: string, status: string) {
    return conflict(`Lead ID '${leadId}' doesn't exist or is in incorrect status '${status}'`);
}
