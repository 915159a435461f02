import { formatIssues, PhoneNumber, toE164, Uuid } from "common";
import { z } from "zod";
import type { SubmittedLead } from "./lead-state";

/** A customer at a store, as a lookup names them: any common phone notation (US default), ids in any case. */
export const OpenLeadCustomer = z.object({ RetailerId: Uuid, LocationId: Uuid, CustomerPhone: PhoneNumber });
export type OpenLeadCustomer = z.infer<typeof OpenLeadCustomer>;

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

/** The written form of a key, for documents: what {@link checkOpenLeadKey} accepts (it checks the phone fully). */
export const OpenLeadKeyForm = z
    .string()
    .regex(
        /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\|\+[1-9]\d{7,14}$/,
        "must be <RetailerId>|<LocationId>|<customer phone in E.164>",
    );

/** How a key given in a URL compares with the canonical form of the customer it names. */
export type KeyCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `key` (from `/OpenLeads/{key}/…`) is an open-lead key as {@link openLeadKey} writes it. A key that
 * names a customer in another notation is refused with the key to use (the index holds one entry per canonical
 * key, so any other spelling would find nothing); one that names no customer is refused with the form.
 */
export function checkOpenLeadKey(key: string): KeyCheck {
    const [RetailerId, LocationId, CustomerPhone, ...extra] = key.split(SEPARATOR);
    const parsed = OpenLeadCustomer.safeParse({ RetailerId, LocationId, CustomerPhone });
    if (!parsed.success || extra.length > 0) {
        const why = parsed.success ? `${extra.length + 3} parts` : formatIssues(parsed.error);
        return { ok: false, reason: `The key must be <RetailerId>|<LocationId>|<customer phone in E.164> (${why})` };
    }
    const canonical = openLeadKey(parsed.data.RetailerId, parsed.data.LocationId, parsed.data.CustomerPhone);
    if (canonical !== key) {
        return { ok: false, reason: `Use the key '${canonical}': ids in lower case, the phone in E.164` };
    }
    return { ok: true };
}
