import type * as restate from "@restatedev/restate-sdk";
import { unauthorized } from "common/restate";
import twilio from "twilio";
import { webhookUrl } from "../../clients/twilio/webhook-urls";

/** What checking a Twilio signature needs: the auth token and the public URL Twilio posted to. */
export interface SigningSettings {
    authToken: string;
    publicIngressUrl: string;
}

/** The header Twilio signs every webhook request with. */
export const SIGNATURE_HEADER = "x-twilio-signature";

/**
 * Twilio's request validation: HMAC-SHA1 of the exact URL plus the sorted form parameters, keyed by the auth
 * token. False for a missing or wrong signature, tampered parameters or another URL.
 */
export function isValidTwilioSignature(
    authToken: string,
    signature: string | undefined,
    url: string,
    params: Record<string, string>,
): boolean {
    if (!signature) return false;
    return twilio.validateRequest(authToken, signature, url, params);
}

/**
 * Rejects the call with 401 unless `X-Twilio-Signature` is valid for `<PUBLIC_RESTATE_INGRESS_URL>/
 * TwilioWebhooks/<handler>` and the posted form (the old system answered 500). Runs before anything else, so a
 * forged or unsigned request changes nothing.
 */
export function requireTwilioSignature(
    ctx: Pick<restate.Context, "request">,
    settings: SigningSettings,
    handler: string,
    params: Record<string, string>,
): void {
    const signature = ctx.request().headers.get(SIGNATURE_HEADER);
    if (!signature) throw unauthorized("Twilio signature header (X-Twilio-Signature) is missing");
    const url = webhookUrl(settings.publicIngressUrl, handler);
    if (!isValidTwilioSignature(settings.authToken, signature, url, params)) {
        throw unauthorized("Twilio request validation failed");
    }
}
