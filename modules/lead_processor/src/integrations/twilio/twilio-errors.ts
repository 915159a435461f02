import { z } from "zod";
import { VendorError } from "../../clients/http";

/** Twilio error code: the participant (or chat identity) is already in the conversation. */
export const PARTICIPANT_EXISTS = 50433;

const TwilioFailure = z.looseObject({
    status: z.number(),
    code: z.number().optional(),
    message: z.string().optional(),
});

/** Twilio's HTTP status and error code of a failed call, if it is a Twilio REST error. */
export function twilioFailure(error: unknown): { status: number; code: number | undefined } | undefined {
    const failure = TwilioFailure.safeParse(error);
    return failure.success ? { status: failure.data.status, code: failure.data.code } : undefined;
}

/**
 * A Twilio REST error as a typed `VendorError`: 4xx (other than 429) is a rejection retrying cannot fix,
 * 429 is rate limiting, 5xx is unavailability. Anything else (network errors) passes through, and is retried.
 */
export function asTwilioVendorError(what: string, error: unknown): unknown {
    const failure = TwilioFailure.safeParse(error);
    if (!failure.success) return error;
    const { status, code, message } = failure.data;
    const kind =
        status === 429 ? "rate-limited" : status >= 500 ? "unavailable" : status >= 400 ? "rejected" : undefined;
    if (!kind) return error;
    const detail = `${what} answered ${status}${code ? ` (code ${code})` : ""}: ${message ?? "no message"}`;
    return new VendorError("Twilio", kind, detail, status);
}
