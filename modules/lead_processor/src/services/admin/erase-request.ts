import { PhoneNumber } from "common";
import { z } from "zod";

/** The API-key endpoint string of `POST /Admin/erase`. */
export const ERASE_ENDPOINT = "Admin/erase";

/**
 * The body of `POST /Admin/erase`. `PhoneNumber` in any common notation (US default) is normalised to E.164, as a
 * lead's own phone is when it is stored. `Async` as in Admin bulk: true (default) erases each lead in its own
 * invocation after the answer; false waits for every lead and reports each one. `Cursor` continues a scan that
 * answered with `NextCursor`.
 */
export const EraseRequest = z.object({
    PhoneNumber,
    Async: z.boolean().default(true),
    Cursor: z.string().min(1).max(200).optional(),
});
export type EraseRequest = z.output<typeof EraseRequest>;

/**
 * What stays at the vendors after an erase: the product cannot delete it there (their APIs offer no deletion the
 * product uses); a request to erase must be passed on to each of them.
 */
export const KEPT_AT_VENDORS = [
    "RLM: the lead (name, phone, message) and every message copied to it as a note",
    "DealerHQ: the lead and every message copied to it as a comment",
    "Twilio: the conversation with its messages, its participants' phone numbers and its attributes (LeadIds)",
    "Botpress: the conversation summary row, for leads that came through the chatbot",
    "ActOn and FloorForce: ACTON leads' contact and form data (ACTON leads are not found by phone)",
] as const;

/** What Admin/erase keeps here, and why. */
export const KEPT_HERE = [
    "The phone's opt-out record in <PREFIX>_Web2Text_OptedOutNumbers (the fact, its date and the numbers), so a STOP stays honoured",
    "Restate's journals of the leads' finished invocations, until Restate's journal retention (1 day by default) purges them",
] as const;
