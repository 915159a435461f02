import { z } from "zod";

/** What `POST /token` answers to a password grant. */
export const ActOnTokenResponse = z.looseObject({
    access_token: z.string().min(1),
    /** Lifetime in seconds. */
    expires_in: z.coerce.number().positive().optional(),
    token_type: z.string().optional(),
});
export type ActOnTokenResponse = z.output<typeof ActOnTokenResponse>;

/** What `PUT /api/1/list/{listId}/record?email=` (and `POST …/record`) answers. */
export const ActOnRecordResponse = z.looseObject({
    status: z.string(),
    message: z.string().nullish(),
    id: z.string().nullish(),
    contact_id: z.string().nullish(),
});
export type ActOnRecordResponse = z.output<typeof ActOnRecordResponse>;

/** The contact ActOn wrote (updated or added) in a list. */
export interface ActOnWrittenRecord {
    id?: string | undefined;
    contactId?: string | undefined;
    message?: string | undefined;
}
