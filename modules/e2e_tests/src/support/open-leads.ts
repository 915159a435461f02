import { z } from "zod";
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
