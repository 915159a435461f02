import { z } from "zod";

/** A text attribute; a value of another type reads as absent rather than failing the whole parse. */
const text = z.string().optional().catch(undefined);

/**
 * The JSON kept in a Web2Text conversation's `attributes`: which leads share the thread and what the
 * webhooks need to answer without calling Nexus. Always written as a JSON string (the old system sometimes
 * wrote an object — a quirk).
 */
export const ConversationAttributes = z.looseObject({
    LeadIds: z.array(z.string()).catch([]).default([]),
    DealerName: text,
    DealerURL: text,
    StorePhoneNumber: text,
    CustomerName: text,
    UniversalRetailerId: text,
    LocationID: text,
    /** Where the conversation was opened from: the table prefix, and whether Twilio was the local sandbox. */
    Environment: z
        .looseObject({ local: z.boolean().optional(), environment: z.string().optional() })
        .optional()
        .catch(undefined),
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

/** The attributes as Twilio stores them: always a JSON string (never an object). */
export function attributesJson(attrs: ConversationAttributes): string {
    return JSON.stringify(attrs);
}
