import twilio from "twilio";

/**
 * `X-Twilio-Signature` for a request Twilio makes: HMAC-SHA1 with the auth token over the exact URL plus
 * the sorted form parameters (empty for GET, whose parameters are in the URL), base64-encoded.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
    return twilio.getExpectedTwilioSignature(authToken, url, params);
}
