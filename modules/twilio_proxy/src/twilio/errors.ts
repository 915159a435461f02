/** Twilio error codes the proxy acts on. */
export const TwilioCode = {
    NotFound: 20404,
    /** Unique name already used by another conversation. */
    UniqueNameTaken: 50353,
    /** The (address, proxy address) pair is already in a non-closed conversation. */
    PairInUse: 50416,
} as const;

/** The fields of the SDK's `RestException` the proxy reads. */
export interface TwilioRestError {
    status: number;
    code: number | undefined;
    message: string;
}

/** Reads a Twilio REST error (the SDK's `RestException`, or anything shaped like it); undefined otherwise. */
export function asTwilioError(error: unknown): TwilioRestError | undefined {
    if (!(error instanceof Error)) return undefined;
    const status: unknown = Reflect.get(error, "status");
    if (typeof status !== "number") return undefined;
    const code: unknown = Reflect.get(error, "code");
    return {
        status,
        code: typeof code === "number" ? code : undefined,
        message: error.message || `Twilio answered HTTP ${status}`,
    };
}

export function isTwilioError(error: unknown, match: { status?: number; code?: number }): boolean {
    const twilioError = asTwilioError(error);
    if (!twilioError) return false;
    if (match.status !== undefined && twilioError.status !== match.status) return false;
    if (match.code !== undefined && twilioError.code !== match.code) return false;
    return true;
}

/** A Twilio call that failed after its retries; `action` names it for logs and error answers. */
export class TwilioCallError extends Error {
    readonly twilio: TwilioRestError | undefined;

    constructor(
        readonly action: string,
        error: unknown,
    ) {
        const twilio = asTwilioError(error);
        const reason = twilio?.message ?? (error instanceof Error ? error.message : String(error));
        super(`${action}: ${reason}`, { cause: error });
        this.name = "TwilioCallError";
        this.twilio = twilio;
    }
}
