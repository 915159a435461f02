import { z } from "zod";
import { VendorError } from "../http";

/** Twilio error code: the participant (or chat identity) is already in the conversation. */
export const PARTICIPANT_EXISTS = 50433;

/** The fields of the `twilio` library's `RestException` this reads. */
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
 * The one mapping of a failed Twilio call (`what`, e.g. "listing messages of CH…") to a typed `VendorError`:
 * a REST error answering 429 is rate limiting, 5xx unavailability, any other status a rejection retrying
 * cannot fix; an error without a status (network, timeout) is unavailability, which is retried. `vendor`
 * names the Twilio product in the message ("Twilio", "Twilio Lookup").
 */
export function twilioVendorError(what: string, error: unknown, vendor = "Twilio"): VendorError {
    const failure = TwilioFailure.safeParse(error);
    if (!failure.success) {
        const text = error instanceof Error ? error.message : String(error);
        return new VendorError(vendor, "unavailable", `${what} failed: ${text}`);
    }
    const { status, code, message } = failure.data;
    const kind = status === 429 ? "rate-limited" : status >= 500 ? "unavailable" : "rejected";
    const detail = `${what} answered ${status}${code ? ` (code ${code})` : ""}: ${message ?? "no message"}`;
    return new VendorError(vendor, kind, detail, status);
}

/** Runs one Twilio call, failing with {@link twilioVendorError}. */
export async function callTwilio<T>(what: string, action: () => Promise<T>, vendor?: string): Promise<T> {
    try {
        return await action();
    } catch (error) {
        throw twilioVendorError(what, error, vendor);
    }
}
