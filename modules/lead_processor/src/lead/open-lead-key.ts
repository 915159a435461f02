import { createHash } from "node:crypto";
import { formatIssues, PhoneNumber, toE164, Uuid } from "common";
import { z } from "zod";
import type { SubmittedLead } from "./lead-state";

/** A customer at a store, as a lookup names them: any common phone notation (US default), ids in any case. */
export const OpenLeadCustomer = z.object({ RetailerId: Uuid, LocationId: Uuid, CustomerPhone: PhoneNumber });
export type OpenLeadCustomer = z.infer<typeof OpenLeadCustomer>;

/** Separates the parts of an open-lead key; none of them (UUIDs, an E.164 number) can contain it. */
const SEPARATOR = "|";

/**
 * The customer's part of an open-lead key: the SHA-256 of the E.164 phone, in lower-case hex. A key travels in
 * URLs (`/OpenLeads/{key}/…`, which load balancers and Restate's own logs record), so it names the customer by
 * digest, not by number. A digest of a phone number is a pseudonym, not a secret (the number space is small).
 */
export function customerRef(e164: string): string {
    return createHash("sha256").update(e164).digest("hex");
}

/**
 * The key of the `OpenLeads` index object for a customer at a store: `<RetailerId>|<LocationId>|<customerRef>`.
 * The ids are lower-cased (callers send UUIDs in either case) and the phone is normalised to E.164 with the same
 * rules as a lead's `PhoneNumber` (US default) before its digest is taken, so every notation of one number finds
 * the same entry. An impossible phone number is a programming error here: callers pass numbers their schemas
 * already parsed.
 */
export function openLeadKey(retailerId: string, locationId: string, phone: string): string {
    const e164 = toE164(phone);
    if (!e164) throw new Error("openLeadKey needs a possible phone number");
    return [retailerId.toLowerCase(), locationId.toLowerCase(), customerRef(e164)].join(SEPARATOR);
}

/**
 * The index key a lead is kept under while it is open, or undefined for lead types the index does not cover
 * (only WEB2TEXT leads have a customer phone and a store).
 */
export function openLeadKeyOf(lead: SubmittedLead): string | undefined {
    if (lead.LeadType !== "WEB2TEXT") return undefined;
    return openLeadKey(lead.UniversalRetailerId, lead.Lead.LocationId, lead.Lead.PhoneNumber);
}

/** The written form of a key, for documents and callers: what {@link checkOpenLeadKey} compares against. */
export const OpenLeadKeyForm = z
    .string()
    .regex(
        /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\|[0-9a-f]{64}$/,
        "must be <RetailerId>|<LocationId>|<SHA-256 of the customer's E.164 phone, hex>",
    );

/** The body of the lookup by key: the customer's phone (any common notation), which the key must match. */
export const OpenLeadByKeyRequest = z.strictObject({ CustomerPhone: PhoneNumber });

/** How a key given in a URL compares with the key of the customer the body names. */
export type KeyCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `key` (from `/OpenLeads/{key}/…`) is the key {@link openLeadKey} writes for the store it names and the
 * customer `phone`. Any other key would find nothing (the index holds one entry per key), so it is refused with
 * the key to use; one whose ids are not UUIDs is refused with the form.
 */
export function checkOpenLeadKey(key: string, phone: string): KeyCheck {
    const [RetailerId, LocationId] = key.split(SEPARATOR);
    const ids = z.object({ RetailerId: Uuid, LocationId: Uuid }).safeParse({ RetailerId, LocationId });
    if (!ids.success) {
        const form = "<RetailerId>|<LocationId>|<SHA-256 of the customer's E.164 phone, hex>";
        return { ok: false, reason: `The key must be ${form} (${formatIssues(ids.error)})` };
    }
    const expected = openLeadKey(ids.data.RetailerId, ids.data.LocationId, phone);
    if (expected !== key) {
        const how = "ids in lower case, then the SHA-256 of the phone in E.164, in hex";
        return { ok: false, reason: `Use the key '${expected}' for this customer: ${how}` };
    }
    return { ok: true };
}
