import { createHash } from "node:crypto";
import { toE164 } from "common";
import { z } from "zod";
import { eventually } from "./api";
import { ingress, type SeededStore, type StackTarget, store } from "./web2text";

/** What `LeadLookup/openLead` answers. */
export const OpenLeadAnswer = z.object({
    OpenLead: z.object({ LeadId: z.string(), DateSubmitted: z.string(), Status: z.literal("ACTIVE") }).nullable(),
});
export type OpenLeadAnswer = z.output<typeof OpenLeadAnswer>;

/** The lookup request of a customer at a seeded store, as a website sends it. */
export function openLeadQuery(at: SeededStore, phone: string) {
    const { retailer, locationId } = store(at);
    return { RetailerId: retailer.UniversalRetailerId, LocationId: locationId, CustomerPhone: phone };
}

/** The customer's open lead at the store (`LeadLookup/openLead`, expecting 200), or null. */
export async function openLeadAt(t: StackTarget, at: SeededStore, phone: string): Promise<OpenLeadAnswer["OpenLead"]> {
    const answer = await ingress(t, "/LeadLookup/openLead", { body: openLeadQuery(at, phone) });
    if (answer.status !== 200) throw new Error(`open-lead lookup: HTTP ${answer.status} ${answer.text}`);
    return OpenLeadAnswer.parse(answer.body).OpenLead;
}

/**
 * The customer's key in the open-lead index at a seeded store, as a website writes it for the lookup by key:
 * `<RetailerId>|<LocationId>|<SHA-256 of the E.164 phone, hex>`, ids in lower case. Written here from the
 * documented form, not with the lead processor's own function, so the contract is what is tested.
 */
export function openLeadKeyAt(at: SeededStore, e164: string): string {
    const { retailer, locationId } = store(at);
    const ref = createHash("sha256").update(e164).digest("hex");
    return [retailer.UniversalRetailerId.toLowerCase(), locationId.toLowerCase(), ref].join("|");
}

/** The ingress path of the lookup by key (`OpenLeads/{key}/openLead`), the key URL-encoded. */
export const openLeadPath = (key: string) => `/OpenLeads/${encodeURIComponent(key)}/openLead`;

/** The customer's open lead at the store by key (`OpenLeads/{key}/openLead`, expecting 200), or null. */
export async function openLeadByKey(
    t: StackTarget,
    at: SeededStore,
    e164: string,
): Promise<OpenLeadAnswer["OpenLead"]> {
    const answer = await ingress(t, openLeadPath(openLeadKeyAt(at, e164)), { body: { CustomerPhone: e164 } });
    if (answer.status !== 200) throw new Error(`open-lead lookup by key: HTTP ${answer.status} ${answer.text}`);
    return OpenLeadAnswer.parse(answer.body).OpenLead;
}

/**
 * Waits until both lookups (with a body, and by key) answer `leadId` for the customer, or null, and returns the
 * body form's answer; fails (after 30 s) when they never do. The index follows a create or close by a one-way send journaled with it, so it shows the
 * change a moment after that call answered; a lookup in that moment still sees the index as it was.
 */
export async function expectOpenLead(
    t: StackTarget,
    at: SeededStore,
    phone: string,
    leadId: string | null,
): Promise<OpenLeadAnswer["OpenLead"]> {
    const e164 = toE164(phone) ?? phone;
    const settled = await eventually(`both lookups at ${at} to answer ${leadId}`, async () => {
        const [byBody, byKey] = await Promise.all([openLeadAt(t, at, phone), openLeadByKey(t, at, e164)]);
        const answers = (found: OpenLeadAnswer["OpenLead"]) => (found?.LeadId ?? null) === leadId;
        return answers(byBody) && answers(byKey) ? { byBody } : undefined;
    });
    return settled.byBody;
}
