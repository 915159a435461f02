/** What a closed-loop load run did. */
export interface LoadResult {
    /** Latency of each successful call, in completion order (ms). */
    latenciesMs: number[];
    /** Failed calls: index and message. */
    errors: { index: number; message: string }[];
    /** From the first call started to the last one finished (ms). */
    wallMs: number;
    /** `performance.now()` when the first call started. */
    startedAt: number;
    /** Most calls in flight at once (never above the concurrency asked for). */
    maxInFlight: number;
    /** Calls started (n, unless the deadline stopped the workers early). */
    started: number;
    /** True when the deadline stopped the run before n calls were started. */
    cut: boolean;
}

export interface LoadSpec {
    /** How many calls in all. */
    n: number;
    /** How many callers run at once; each starts its next call as soon as its previous one ended. */
    concurrency: number;
    /** The call for index i (0 ≤ i < n); a thrown error counts as a failed call. */
    call: (index: number) => Promise<unknown>;
    /** Clock (injectable for tests). */
    now?: () => number;
    /** No call is started after this time (same clock as `now`); calls in flight still finish. */
    deadline?: number;
}

/**
 * A closed-loop load generator: `concurrency` workers take the next index until `n` calls were made, so at
 * most `concurrency` calls are in flight and every caller waits for its answer before the next call, as
 * websites calling the product do. Latency is measured around each call.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
    const now = spec.now ?? (() => performance.now());
    if (!Number.isInteger(spec.n) || spec.n < 0) throw new RangeError("n must be a whole number ≥ 0");
    if (!Number.isInteger(spec.concurrency) || spec.concurrency < 1) throw new RangeError("concurrency must be ≥ 1");
    const latenciesMs: number[] = [];
    const errors: LoadResult["errors"] = [];
    let next = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const startedAt = now();

    let cut = false;
    const worker = async () => {
        for (;;) {
            if (spec.deadline !== undefined && now() >= spec.deadline && next < spec.n) {
                cut = true;
                return;
            }
            const index = next++;
            if (index >= spec.n) return;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            const t0 = now();
            try {
                await spec.call(index);
                latenciesMs.push(now() - t0);
            } catch (error) {
                errors.push({ index, message: error instanceof Error ? error.message : String(error) });
            } finally {
                inFlight--;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(spec.concurrency, Math.max(spec.n, 1)) }, worker));
    return {
        latenciesMs,
        errors,
        wallMs: now() - startedAt,
        startedAt,
        maxInFlight,
        started: Math.min(next, spec.n),
        cut,
    };
}

/** The first few distinct error messages with their counts, for a report line. */
export function errorDigest(errors: LoadResult["errors"], max = 3): string {
    const counts = new Map<string, number>();
    for (const { message } of errors) counts.set(message, (counts.get(message) ?? 0) + 1);
    return [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, max)
        .map(([message, count]) => `${count}× ${message.slice(0, 200)}`)
        .join("; ");
}
