import { json } from "../../core/router";

/** A Twilio REST error: HTTP status plus Twilio's numeric error code. */
export class TwilioError extends Error {
    constructor(
        readonly status: number,
        readonly code: number,
        message: string,
    ) {
        super(message);
    }
}

/** Twilio's error body: `{code, message, more_info, status}`, `more_info` being the code's docs page. */
export function errorBody(error: TwilioError) {
    return {
        code: error.code,
        message: error.message,
        more_info: `https://www.twilio.com/docs/errors/${error.code}`,
        status: error.status,
    };
}

export function errorResponse(error: TwilioError): Response {
    return json(errorBody(error), error.status);
}

const STATUS_TEXT: Record<number, string> = {
    400: "Bad Request",
    401: "Authentication Error",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
};

/**
 * The Twilio error an injected HTTP fault answers with: Twilio's 20xxx codes follow the HTTP status (20404,
 * 20429, 20500, 20503, …), except authentication (401), which is 20003.
 */
export function faultError(status: number): TwilioError {
    const code = status === 401 ? 20003 : 20_000 + status;
    return new TwilioError(status, code, STATUS_TEXT[status] ?? `HTTP ${status}`);
}

/** Twilio's 404 for an unknown resource (code 20404). */
export const notFound = (path: string) => new TwilioError(404, 20404, `The requested resource ${path} was not found`);

/** A missing or malformed request parameter. */
export const invalidParameter = (message: string) => new TwilioError(400, 20001, message);

/** Closed conversations are final (Twilio error 50377). */
export const conversationClosed = (sid: string) =>
    new TwilioError(400, 50377, `Conversation ${sid} is in final closed state and can't be updated`);

/** A send to a recipient who texted STOP (Twilio error 21610). */
export const OPTED_OUT = 21610;
export const unsubscribedRecipient = () => new TwilioError(400, OPTED_OUT, "Attempt to send to unsubscribed recipient");
