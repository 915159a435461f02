import { z } from "zod";

/** The `lead` object of `POST /api/{key}/leads` (field names are RLM's, including the misspelt `divison_name`). */
export interface RlmLead {
    location_name: string;
    divison_name: string;
    source_name: string;
    first_name: string;
    last_name: string;
    phone: string;
    mobile_phone: string;
    website: string;
    note: string;
}

/** Body of `POST /api/note_from_sms`: one SMS (or the chatbot summary) added to a lead's notes. */
export interface RlmNote {
    lead_uuid: string;
    sender_phone: string;
    sender_name: string;
    message: string;
    /** ISO-8601 time the message was written. */
    date: string;
}

const messages = z.union([z.array(z.string()), z.string()]).optional();

/** What RLM answers to a lead create: a `Success` with the new lead's ids, or an `Error` / `No data` result. */
export const RlmCreateLeadResponse = z.looseObject({
    result: z.string(),
    lead_id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
    lead_uuid: z.string().min(1).nullish(),
    messages,
});

/** What RLM answers to a note; older deployments answer an empty body. */
export const RlmNoteResponse = z.looseObject({ result: z.string().optional(), messages }).optional();

/** One row of the DealerHQ store → RLM location mapping. */
export const RlmLocationMapping = z.looseObject({
    organization_id: z.union([z.number(), z.string()]).nullish(),
    organization_name: z.string().nullish(),
    location_id: z.union([z.number(), z.string()]).nullish(),
    location_name: z.string().nullish(),
    dhq_store_id: z.string().nullish(),
});
export type RlmLocationMapping = z.output<typeof RlmLocationMapping>;

/** A lead RLM created. */
export interface RlmCreatedLead {
    leadId: number;
    leadUuid?: string | undefined;
}
