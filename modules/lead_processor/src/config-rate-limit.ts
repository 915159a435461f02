import { z } from "zod";

/** Requests per second an API key may make, and how many it may make at once after a quiet spell. */
export interface RateLimit {
    perSecond: number;
    burst: number;
}

const FORM = /^(\d+(?:\.\d+)?)\/s(?:\s+burst\s+(\d+))?$/;

/** `20/s burst 40` (or `20/s`: burst = the rate). */
export function formatRateLimit(limit: RateLimit): string {
    return `${limit.perSecond}/s burst ${limit.burst}`;
}

/**
 * `API_KEY_RATE_LIMIT`: `<requests>/s burst <requests>` per API key and lead-processor process (`20/s burst 40`;
 * `20/s` alone means a burst of 20), or `off`. The burst must be at least 1 and at least the rate.
 */
export const RateLimitSetting = z
    .string()
    .trim()
    .transform((value, ctx): RateLimit | "off" => {
        if (value === "off") return "off";
        const match = FORM.exec(value);
        const perSecond = Number(match?.[1]);
        const burst = match?.[2] === undefined ? perSecond : Number(match[2]);
        if (!match || !(perSecond > 0) || burst < Math.max(1, perSecond)) {
            ctx.addIssue({
                code: "custom",
                message: `'${value}' is not a rate limit: write '<n>/s burst <m>' with n > 0 and m ≥ n and ≥ 1 (e.g. 20/s burst 40), or 'off'`,
            });
            return z.NEVER;
        }
        return { perSecond, burst };
    });
