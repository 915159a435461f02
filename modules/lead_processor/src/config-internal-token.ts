import { createHmac } from "node:crypto";

/** Fixed label of the derivation; changing it changes every deployment's derived credential. */
const LABEL = "lead-processor/internal-api-token/v1";

/**
 * The internal credential used when `INTERNAL_API_TOKEN` is not configured: HMAC-SHA256 of a fixed label keyed
 * with the Twilio auth token, shaped as a version-4 UUID (as the old system's credential was). Every task of a
 * deployment has the same auth token, so every task derives the same credential, and it cannot be turned back
 * into the auth token.
 */
export function deriveInternalToken(twilioAuthToken: string): string {
    const bytes = createHmac("sha256", twilioAuthToken).update(LABEL).digest().subarray(0, 16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
