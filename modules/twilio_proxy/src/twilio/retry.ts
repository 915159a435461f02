import { isTwilioError } from "./errors";

/** Exponential back-off for Twilio's 429 (Too Many Requests); every other error is final. */
export interface RetryPolicy {
    /** Total attempts, the first included. */
    attempts: number;
    /** Wait before the first retry; doubled for each further retry. */
    baseDelayMs: number;
    maxDelayMs: number;
    sleep: (ms: number) => Promise<void>;
    /** 0–1; the wait is drawn from [delay/2, delay]. */
    random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
    attempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 8_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
};

/** The wait before retry number `retry` (1-based). */
export function backoffDelay(policy: RetryPolicy, retry: number): number {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * policy.random());
}

/**
 * Runs `call`, retrying only when Twilio answers 429, up to `policy.attempts` attempts in all.
 * `onRetry` hears about each wait (for logging).
 */
export async function withRateLimitRetry<T>(
    call: () => Promise<T>,
    policy: RetryPolicy,
    onRetry?: (info: { attempt: number; delayMs: number }) => void,
): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await call();
        } catch (error) {
            if (attempt >= policy.attempts || !isTwilioError(error, { status: 429 })) throw error;
            const delayMs = backoffDelay(policy, attempt);
            onRetry?.({ attempt, delayMs });
            await policy.sleep(delayMs);
        }
    }
}
