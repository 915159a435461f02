import { toE164 } from "common";
import type { SubmittedLead } from "./lead-state";

/** Separates the parts of an open-lead key; none of them (UUIDs, an E.164 number) can contain it. */
const SEPARATOR = "|";

/**
 * The key of the `OpenLeads` index object for a customer at a store: `<RetailerId>|<LocationId>|<E.164 phone>`.
 * The ids are lower-cased (callers send UUIDs in either case) and the phone is normalised to E.164 with the same
 * rules as a lead's `PhoneNumber` (US default), so every notation of one number finds the same entry. An
 * impossible phone number is a programming error here: callers pass numbers their schemas already parsed.
 */
export function openLeadKey(retailerId: string, locationId: string, phone: string): string {
    const e164 = toE164(phone);
    if (!e164) throw new Error("openLeadKey needs a possible phone number");
    return [retailerId.toLowerCase(), locationId.toLowerCase(), e164].join(SEPARATOR);
}

/**
 * The index key a lead is kept under while it is open, or undefined for lead types the index does not cover
 * (only WEB2TEXT leads have a customer phone and a store).
 */
export function openLeadKeyOf(lead: SubmittedLead): string | undefined {
    if (lead.LeadType !== "WEB2TEXT") return undefined;
    return openLeadKey(lead.UniversalRetailerId, lead.Lead.LocationId, lead.Lead.PhoneNumber);
}
