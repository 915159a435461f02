import { z } from "zod";

/**
 * The JSON kept in a Web2Text conversation's `attributes`: which leads share the thread and what the
 * webhooks need to answer without calling Nexus. Always written as a JSON string (the old system sometimes
 * wrote an object — a quirk).
 */
export const ConversationAttributes = z.looseObject({
    LeadIds: z.array(z.string()).default([]),
    DealerName: z.string().optional(),
    DealerURL: z.string().optional(),
    StorePhoneNumber: z.string().optional(),
    CustomerName: z.string().optional(),
    UniversalRetailerId: z.string().optional(),
    LocationID: z.string().optional(),
});
export type ConversationAttributes = z.infer<typeof ConversationAttributes>;

/** Parses attributes leniently: a conversation we did not create (or corrupted JSON) yields no leads. */
export function parseAttributes(raw: string | null | undefined | object): ConversationAttributes {
    let value: unknown = raw;
    if (typeof raw === "string") {
        try {
            value = JSON.parse(raw);
        } catch {
            value = {};
        }
    }
    const parsed = ConversationAttributes.safeParse(value ?? {});
    return parsed.success ? parsed.data : { LeadIds: [] };
}

/** Adds a lead id (set semantics). */
export function withLead(attrs: ConversationAttributes, leadId: string): ConversationAttributes {
    return attrs.LeadIds.includes(leadId) ? attrs : { ...attrs, LeadIds: [...attrs.LeadIds, leadId] };
}

/** Removes a lead id. */
export function withoutLead(attrs: ConversationAttributes, leadId: string): ConversationAttributes {
    return { ...attrs, LeadIds: attrs.LeadIds.filter((id) => id !== leadId) };
}
