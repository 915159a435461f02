/** Latency statistics of one measured run, in milliseconds. */
export interface LatencySummary {
    count: number;
    min: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
}

/**
 * The `p`-th percentile (0–100) of ascending `sorted` values, interpolating linearly between the two closest
 * ranks (the definition numpy and most spreadsheets use by default). NaN for an empty list.
 */
export function percentile(sorted: readonly number[], p: number): number {
    if (sorted.length === 0) return Number.NaN;
    if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
    const rank = (p / 100) * (sorted.length - 1);
    const lower = Math.floor(rank);
    const upper = Math.ceil(rank);
    const low = sorted[lower] ?? Number.NaN;
    const high = sorted[upper] ?? Number.NaN;
    return low + (high - low) * (rank - lower);
}

/** Count, min, mean, p50/p90/p99 and max of unsorted samples (all NaN but count for none). */
export function summarize(samples: readonly number[]): LatencySummary {
    const sorted = [...samples].sort((a, b) => a - b);
    const count = sorted.length;
    const mean = count === 0 ? Number.NaN : sorted.reduce((sum, v) => sum + v, 0) / count;
    return {
        count,
        min: sorted[0] ?? Number.NaN,
        mean,
        p50: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        max: sorted[count - 1] ?? Number.NaN,
    };
}

/** `count` events in `ms` milliseconds, per second (NaN when no time passed). */
export function perSecond(count: number, ms: number): number {
    return ms > 0 ? (count * 1000) / ms : Number.NaN;
}

/** a ÷ b, NaN when either is not a positive finite number. */
export function ratio(a: number, b: number): number {
    return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN;
}

/** Rounds to `digits` decimals, keeping NaN as null so JSON stays valid. */
export function round(value: number, digits = 1): number | null {
    if (!Number.isFinite(value)) return null;
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}
