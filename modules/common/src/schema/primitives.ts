import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";

/** A non-empty string. */
export const NonEmptyString = z.string().min(1, "must not be empty");

/**
 * A UUID as the production system accepted it: any 8-4-4-4-12 hexadecimal string, whatever its version and
 * variant digits (zod 3's `uuid()`; zod 4's `uuid()` would refuse ids such as `…-3333-4444-…` callers may hold).
 */
export const Uuid = z.guid("must be a valid UUID");

/** Parses a phone number (US default region) into E.164, or returns undefined when it is not a possible number. */
export function toE164(raw: string, defaultCountry: "US" | "CA" = "US"): string | undefined {
    const parsed = parsePhoneNumberFromString(raw, defaultCountry);
    if (!parsed?.isPossible()) return undefined;
    return parsed.number;
}

/** A phone number in any common notation, output as E.164; rejects impossible numbers. */
export const PhoneNumber = z
    .string()
    .min(1, "must not be empty")
    .max(40, "is too long to be a phone number")
    .transform((raw, ctx) => {
        const e164 = toE164(raw);
        if (!e164) {
            ctx.addIssue({ code: "custom", message: "is not a valid phone number" });
            return z.NEVER;
        }
        return e164;
    });

/** A phone number that must already be E.164 (`+` and 8–15 digits). */
export const E164 = z.string().regex(/^\+[1-9]\d{7,14}$/, "must be an E.164 phone number such as +15551234567");

/** An ISO-8601 timestamp string. */
export const IsoDateTime = z.iso.datetime({ offset: true });
