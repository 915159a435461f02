import twilio from "twilio";

/**
 * A TwiML messaging response, always serialized to its XML string (the old system sometimes returned a
 * TwiML node instead): `<Response/>` without text, one `<Message>` with it.
 */
export function twimlReply(text?: string): string {
    const response = new twilio.twiml.MessagingResponse();
    if (text) response.message(text);
    return response.toString();
}
