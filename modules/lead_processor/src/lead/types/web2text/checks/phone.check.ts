import type { PhoneLookup } from "../../../../clients/twilio/phone-lookup.client";
import type { OptOutRegistry } from "../../../../db/opted-out-numbers.table";
import { invalid, type Step, type ValidationResult, valid } from "../../../validation";

/** Line types that can receive text messages (Twilio Lookup v2 names). */
export const TEXTABLE_LINE_TYPES: readonly string[] = ["mobile", "nonFixedVoip", "fixedVoip", "personal"];

/** The remote services a phone check reads. */
export interface PhoneServices {
    optOuts: OptOutRegistry;
    lookup: PhoneLookup;
}

/** Whose number is checked: the result's Name, the label used in reasons, and a word for step names. */
export interface PhoneRole {
    name: string;
    label: string;
    step: string;
}

/**
 * A number may take part in a Web2Text conversation when it has not opted out of our pool, Twilio Lookup
 * says it is valid, and its line type (when known) can receive texts. Both reads are one step (both are safe to
 * repeat); Twilio is asked only when the number has not opted out.
 */
export async function checkPhoneNumber(
    step: Step,
    services: PhoneServices,
    e164: string,
    role: PhoneRole,
): Promise<ValidationResult> {
    const read = await step(`Check opt-out of ${role.step} and look it up with Twilio`, async () =>
        (await services.optOuts.isOptedOut(e164)) ? null : { lookup: await services.lookup.lookup(e164) },
    );
    if (!read) return invalid(role.name, `${role.label} has opted-out from our text messaging pool`);
    const { lookup } = read;
    if (!lookup.valid) {
        const errors = lookup.validationErrors.length > 0 ? ` (${lookup.validationErrors.join(", ")})` : "";
        return invalid(role.name, `${role.label} is not a valid phone number${errors}`);
    }
    if (lookup.lineType !== null && !TEXTABLE_LINE_TYPES.includes(lookup.lineType)) {
        return invalid(
            role.name,
            `${role.label} has line type '${lookup.lineType}', which cannot receive text messages`,
        );
    }
    return valid(role.name);
}
