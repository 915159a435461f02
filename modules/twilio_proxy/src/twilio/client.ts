import { createTwilioClient, type TwilioSettings } from "common/twilio";
import type { TwilioApi } from "./api";

/**
 * Retries of a call Twilio answers 429, made by the `twilio` library itself (5 attempts in all, exponential
 * back-off with full jitter). The proxy is a plain HTTP server with no retrying layer of its own, so the
 * library's retry is the one; a 429 that outlives it becomes 503 `twilio_rate_limited` with Retry-After.
 */
export const RATE_LIMIT_RETRIES = 4;

/** The proxy's Twilio client: `common/twilio`'s, with the library's 429 retry on. */
export function createProxyTwilioClient(settings: Omit<TwilioSettings, "rateLimitRetries">): TwilioApi {
    return createTwilioClient({ ...settings, rateLimitRetries: RATE_LIMIT_RETRIES });
}
