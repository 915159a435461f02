/** An entry: a value, or the load that will produce it (kept until it settles, shared by every caller). */
type Entry<V> = { expiresAt: number } & ({ ready: true; value: V } | { ready: false; loading: Promise<V> });

/**
 * The one in-process cache of the lead processor: at most `maxEntries` entries (the least recently used is
 * evicted first), each live for `ttlMs` unless set with its own lifetime. {@link getOrLoad} shares one
 * in-flight load between concurrent callers and keeps nothing when the load fails.
 */
export class TtlLruCache<V> {
    private readonly entries = new Map<string, Entry<V>>();

    constructor(
        private readonly maxEntries: number,
        private readonly ttlMs: number,
        private readonly now: () => number = Date.now,
    ) {
        if (!(maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1, not ${maxEntries}`);
    }

    /** The live value for `key` (and marks it recently used), or undefined; a load still running is not a value. */
    get(key: string): V | undefined {
        const entry = this.live(key);
        return entry?.ready ? entry.value : undefined;
    }

    /** Stores `value` for `lifetimeMs` (default the cache's TTL), evicting the least recently used entry when full. */
    set(key: string, value: V, lifetimeMs = this.ttlMs): void {
        this.put(key, { ready: true, value, expiresAt: this.now() + lifetimeMs });
    }

    delete(key: string): boolean {
        return this.entries.delete(key);
    }

    /**
     * The value for `key`, loading it when absent or expired. Callers arriving while a load runs share it; a
     * loaded value lives `lifetimeMs(value)` (default the cache's TTL) from when it arrived; a failed load is
     * forgotten, so the next caller loads again.
     */
    getOrLoad(key: string, load: () => Promise<V>, lifetimeMs?: (value: V) => number): Promise<V> {
        const entry = this.live(key);
        if (entry) return entry.ready ? Promise.resolve(entry.value) : entry.loading;
        const loading = load();
        const pending: Entry<V> = { ready: false, loading, expiresAt: Number.POSITIVE_INFINITY };
        this.put(key, pending);
        loading.then(
            (value) => {
                if (this.entries.get(key) === pending) this.set(key, value, lifetimeMs?.(value));
            },
            () => {
                if (this.entries.get(key) === pending) this.entries.delete(key);
            },
        );
        return loading;
    }

    /** Entries held, loads in flight included (never more than `maxEntries`). */
    get size(): number {
        return this.entries.size;
    }

    private live(key: string): Entry<V> | undefined {
        const entry = this.entries.get(key);
        if (!entry) return undefined;
        this.entries.delete(key);
        if (entry.expiresAt <= this.now()) return undefined;
        this.entries.set(key, entry);
        return entry;
    }

    private put(key: string, entry: Entry<V>): void {
        this.entries.delete(key);
        this.entries.set(key, entry);
        while (this.entries.size > this.maxEntries) {
            const oldest = this.entries.keys().next().value;
            if (oldest === undefined) break;
            this.entries.delete(oldest);
        }
    }
}
