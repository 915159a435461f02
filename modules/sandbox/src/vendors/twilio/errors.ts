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

/** Twilio's error body: `{code, message, more_info, status}`. */
export function errorResponse(error: TwilioError): Response {
    return json(
        {
            code: error.code,
            message: error.message,
            more_info: `https://www.twilio.com/docs/errors/${error.code}`,
            status: error.status,
        },
        error.status,
    );
}

/** Twilio's 404 for an unknown resource (code 20404). */
export const notFound = (path: string) => new TwilioError(404, 20404, `The requested resource ${path} was not found`);

/** A missing or malformed request parameter. */
export const invalidParameter = (message: string) => new TwilioError(400, 20001, message);

/** Closed conversations are final (Twilio error 50377). */
export const conversationClosed = (sid: string) =>
    new TwilioError(400, 50377, `Conversation ${sid} is in final closed state and can't be updated`);
