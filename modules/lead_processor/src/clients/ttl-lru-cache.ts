/**
 * A bounded in-process cache: entries expire after `ttlMs`, and the least recently used entry is evicted
 * once `maxEntries` is reached (a Map keeps insertion order, so re-inserting on read keeps recency).
 */
export class TtlLruCache<V> {
    private readonly entries = new Map<string, { value: V; expiresAt: number }>();

    constructor(
        private readonly maxEntries: number,
        private readonly ttlMs: number,
        private readonly now: () => number = Date.now,
    ) {}

    /** The live value for `key` (and marks it recently used), or undefined. */
    get(key: string): V | undefined {
        const entry = this.entries.get(key);
        if (!entry) return undefined;
        this.entries.delete(key);
        if (entry.expiresAt <= this.now()) return undefined;
        this.entries.set(key, entry);
        return entry.value;
    }

    /** Stores `value`, evicting the least recently used entry when full. */
    set(key: string, value: V): void {
        this.entries.delete(key);
        this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
        while (this.entries.size > this.maxEntries) {
            const oldest = this.entries.keys().next().value;
            if (oldest === undefined) break;
            this.entries.delete(oldest);
        }
    }

    get size(): number {
        return this.entries.size;
    }
}
