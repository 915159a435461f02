import type { ApiKeyRecord } from "../db/api-keys.table";

/** Where the directory reads every key from: the APIKeys table's scan. */
export interface ApiKeySource {
    list(): Promise<ApiKeyRecord[]>;
}

export interface ApiKeyDirectoryOptions {
    /** How long a read of the table is used before it is read again (a deactivation applies within this). */
    ttlMs?: number;
    /** Least time between two reads caused by unknown keys. */
    missReloadMs?: number;
    /** The oldest read `peek` answers from (a table that cannot be read leaves the last read in use this long). */
    peekMaxAgeMs?: number;
    /** Told about a background read that failed (`peek` never waits for a read, so it cannot throw one). */
    onBackgroundError?: (error: unknown) => void;
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
}

/** What `peek` finds in memory: a key's record (or none), or nothing usable when no recent read is held. */
export type Peeked = { held: true; record: ApiKeyRecord | undefined } | { held: false };

interface Read {
    startedAt: number;
    done: Promise<void>;
}

/**
 * The API keys, matched whatever case they were stored or sent in. The APIKeys table is small (one key per
 * caller), so the directory reads all of it with one scan and indexes it by lower-cased key, and reads it
 * again after `ttlMs`. A key it does not hold is looked for in a read that started after the lookup arrived, so
 * a key stored a moment ago is found; such reads start at most once per `missReloadMs` (a lookup waits for the
 * next one), and every lookup waiting then shares it. Memory holds the table, never the keys callers send: a
 * flood of unknown keys costs at most one scan per `missReloadMs` and stores nothing.
 */
export class ApiKeyDirectory {
    private index = new Map<string, ApiKeyRecord[]>();
    private last: Read | undefined;
    private current: Read | undefined;
    private readonly ttlMs: number;
    private readonly missReloadMs: number;
    private readonly peekMaxAgeMs: number;
    private readonly onBackgroundError: (error: unknown) => void;
    private readonly now: () => number;
    private readonly sleep: (ms: number) => Promise<void>;

    constructor(
        private readonly source: ApiKeySource,
        options: ApiKeyDirectoryOptions = {},
    ) {
        this.ttlMs = options.ttlMs ?? 5_000;
        this.missReloadMs = options.missReloadMs ?? 1_000;
        this.peekMaxAgeMs = options.peekMaxAgeMs ?? 60_000;
        this.onBackgroundError = options.onBackgroundError ?? (() => undefined);
        this.now = options.now ?? Date.now;
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    }

    /** The record of `key` (any case), or undefined when the table holds no such key. */
    async find(key: string): Promise<ApiKeyRecord | undefined> {
        const asked = this.now();
        const lastStart = this.last?.startedAt;
        if (lastStart === undefined || asked - lastStart >= this.ttlMs) await this.refresh();
        const found = this.pick(key);
        if (found || (this.last?.startedAt ?? asked) >= asked) return found;
        const wait = (this.last?.startedAt ?? asked) + this.missReloadMs - this.now();
        if (wait > 0) await this.sleep(wait);
        await this.readSince(asked);
        return this.pick(key);
    }

    /**
     * The record of `key` from memory alone, never waiting for the table: for a handler that must not leave the
     * process outside a journaled step (the read-only lookup). A read older than `ttlMs` is refreshed in the
     * background, so a deactivation applies within `ttlMs` plus one read; a key the last read lacks starts a
     * read (at most one per `missReloadMs`), so a key stored a moment ago is found by the callers after that
     * read, not by the one that asked first (`find` waits for it instead). No read at all, or only one older
     * than `peekMaxAgeMs` (the table cannot be read), holds nothing usable.
     */
    peek(key: string): Peeked {
        const last = this.last;
        const age = last ? this.now() - last.startedAt : Number.POSITIVE_INFINITY;
        const record = last ? this.pick(key) : undefined;
        if (age >= this.ttlMs || (!record && age >= this.missReloadMs)) this.readInBackground();
        return age >= this.peekMaxAgeMs ? { held: false } : { held: true, record };
    }

    /** Starts a read in the background when none is held yet (at start-up, so the first `peek` finds the keys). */
    warmUp(): void {
        if (!this.last) this.readInBackground();
    }

    /** A read nobody waits for (unless one is under way): its failure goes to `onBackgroundError`. */
    private readInBackground(): void {
        if (!this.current) this.readSince(this.now()).catch(this.onBackgroundError);
    }

    /** How many distinct keys the directory holds (the table's size). */
    get size(): number {
        return this.index.size;
    }

    /**
     * One key stored in two casings is one key: the record stored exactly as sent wins, else an active one, so
     * a caller is never refused for a casing it did not choose.
     */
    private pick(key: string): ApiKeyRecord | undefined {
        const records = this.index.get(key.toLowerCase()) ?? [];
        return records.find((r) => r.API_Key === key) ?? records.find((r) => r.Active) ?? records[0];
    }

    /** Waits for a fresh read of the table: the one under way, if any, else a new one (a stale index). */
    private refresh(): Promise<void> {
        return this.current ? this.current.done : this.readSince(this.now());
    }

    /** Waits for a read of the table that started at or after `since`, joining one under way if it did. */
    private async readSince(since: number): Promise<void> {
        while (this.current && this.current.startedAt < since) await this.current.done.catch(() => undefined);
        if (this.current) return this.current.done;
        const read: Read = { startedAt: this.now(), done: Promise.resolve() };
        read.done = this.load(read).finally(() => {
            if (this.current === read) this.current = undefined;
        });
        this.current = read;
        return read.done;
    }

    private async load(read: Read): Promise<void> {
        const records = await this.source.list();
        const index = new Map<string, ApiKeyRecord[]>();
        for (const record of records) {
            const lower = record.API_Key.toLowerCase();
            index.set(lower, [...(index.get(lower) ?? []), record]);
        }
        this.index = index;
        this.last = read;
    }
}
