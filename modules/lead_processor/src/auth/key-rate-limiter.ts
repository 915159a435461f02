import { TtlLruCache } from "../clients/ttl-lru-cache";
import { formatRateLimit, type RateLimit } from "../config-rate-limit";

/** What a request costs against its key's limit: allowed, or refused with when to come back. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
    tokens: number;
    at: number;
}

/** How many keys' buckets one process keeps; the least recently used is dropped first (it then starts full). */
export const MAX_TRACKED_KEYS = 10_000;

/**
 * A token bucket per API key: `burst` requests at once, refilled at `perSecond`. The buckets live in this
 * process only (each lead-processor task limits on its own, so N tasks allow up to N× the rate) and in bounded
 * memory: at most {@link MAX_TRACKED_KEYS}, each forgotten once it would be full again.
 */
export class KeyRateLimiter {
    private readonly buckets: TtlLruCache<Bucket>;

    constructor(
        readonly limit: RateLimit,
        maxKeys = MAX_TRACKED_KEYS,
        private readonly now: () => number = Date.now,
    ) {
        this.buckets = new TtlLruCache(maxKeys, Math.ceil((limit.burst / limit.perSecond) * 1000), now);
    }

    /** Takes one request's token from `key`'s bucket, or says how many whole seconds until one is there. */
    take(key: string): RateDecision {
        const at = this.now();
        const bucket = this.buckets.get(key);
        const refilled = bucket ? ((at - bucket.at) / 1000) * this.limit.perSecond : this.limit.burst;
        const tokens = Math.min(this.limit.burst, (bucket?.tokens ?? 0) + refilled);
        if (tokens >= 1) {
            this.buckets.set(key, { tokens: tokens - 1, at });
            return { ok: true };
        }
        this.buckets.set(key, { tokens, at });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.limit.perSecond)) };
    }

    /** `50/s burst 100`, for messages. */
    describe(): string {
        return formatRateLimit(this.limit);
    }
}
