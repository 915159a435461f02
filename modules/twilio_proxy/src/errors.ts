import type { ProxyErrorBody, ProxyErrorCode } from "common/twilio-proxy";
import { asTwilioError, TwilioCallError } from "./twilio/errors";

/** An error with its HTTP answer; everything else thrown becomes a 500 `internal_error`. */
export class ProxyError extends Error {
    constructor(
        readonly status: number,
        readonly code: ProxyErrorCode,
        message: string,
        readonly details: Omit<ProxyErrorBody, "code" | "message"> = {},
        readonly headers: Record<string, string> = {},
    ) {
        super(message);
        this.name = "ProxyError";
    }

    toBody(): ProxyErrorBody {
        return { code: this.code, message: this.message, ...this.details };
    }
}

/**
 * Turns a failed Twilio call into the proxy's answer: 429 that outlived the retries → 503, any other
 * Twilio answer → 502 with Twilio's status and code, no answer at all → 502 `twilio_unreachable`.
 */
export function twilioFailure(error: unknown, action = "calling Twilio"): ProxyError {
    if (error instanceof ProxyError) return error;
    if (error instanceof TwilioCallError) return twilioFailure(error.cause, error.action);
    const twilioError = asTwilioError(error);
    if (twilioError?.status === 429) {
        return new ProxyError(
            503,
            "twilio_rate_limited",
            `Twilio kept rate-limiting ${action}; try again shortly`,
            { twilioStatus: 429, twilioCode: twilioError.code },
            { "Retry-After": "5" },
        );
    }
    if (twilioError) {
        return new ProxyError(502, "twilio_error", `Twilio rejected ${action}: ${twilioError.message}`, {
            twilioStatus: twilioError.status,
            twilioCode: twilioError.code,
        });
    }
    const reason = error instanceof Error ? error.message : String(error);
    return new ProxyError(502, "twilio_unreachable", `Twilio could not be reached while ${action}: ${reason}`);
}
