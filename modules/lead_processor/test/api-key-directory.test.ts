import { describe, expect, it } from "vitest";
import { ApiKeyDirectory, type ApiKeyDirectoryOptions, type ApiKeySource } from "../src/auth/api-key-directory";
import type { ApiKeyRecord } from "../src/db/api-keys.table";

const key = (API_Key: string, over: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
    API_Key,
    Active: true,
    AuthorizedEndpoints: ["*"],
    DateCreated: "2026-01-01T00:00:00.000Z",
    ...over,
});

/** An APIKeys table in memory that counts its scans, with a clock the test moves. */
function fixture(initial: ApiKeyRecord[], options: Omit<ApiKeyDirectoryOptions, "now" | "sleep"> = {}) {
    const table = { records: [...initial], scans: 0 };
    let time = 1_000_000;
    const source: ApiKeySource = {
        list: async () => {
            table.scans += 1;
            return table.records.map((r) => ({ ...r }));
        },
    };
    const advance = (ms: number) => {
        time += ms;
    };
    const sleeps: number[] = [];
    const directory = new ApiKeyDirectory(source, {
        ttlMs: 30_000,
        missReloadMs: 1_000,
        ...options,
        now: () => time,
        // Sleepers started together wake together: the clock moves to the latest wake-up time.
        sleep: async (ms) => {
            sleeps.push(ms);
            const wake = time + ms;
            await Promise.resolve();
            time = Math.max(time, wake);
        },
    });
    return { table, directory, advance, sleeps };
}

const UPPER = "2B0C7A4E-1111-4A2B-8C3D-00000000000A";
const MIXED = "2b0C7a4E-2222-4a2B-8c3D-00000000000b";
const LOWER = "2b0c7a4e-3333-4a2b-8c3d-00000000000c";

describe("API-key directory", () => {
    it.each([
        ["stored upper case, sent lower case", UPPER, UPPER.toLowerCase()],
        ["stored upper case, sent upper case", UPPER, UPPER],
        ["stored mixed case, sent lower case", MIXED, MIXED.toLowerCase()],
        ["stored mixed case, sent upper case", MIXED, MIXED.toUpperCase()],
        ["stored lower case, sent upper case", LOWER, LOWER.toUpperCase()],
    ])("finds a key %s", async (_case, stored, sent) => {
        const { directory } = fixture([key(stored)]);
        expect((await directory.find(sent))?.API_Key).toBe(stored);
    });

    it("reads the table once for many lookups within the TTL, and again after it", async () => {
        const { table, directory, advance } = fixture([key(UPPER), key(LOWER)]);
        await Promise.all([directory.find(UPPER), directory.find(LOWER), directory.find(UPPER.toLowerCase())]);
        await directory.find(LOWER);
        expect(table.scans).toBe(1);
        table.records = [key(UPPER, { Active: false }), key(LOWER)];
        advance(29_999);
        expect((await directory.find(UPPER))?.Active).toBe(true);
        advance(1);
        expect((await directory.find(UPPER))?.Active).toBe(false);
        expect(table.scans).toBe(2);
    });

    it("finds a key stored after the last read at once, waiting for the next read slot", async () => {
        const { table, directory, advance, sleeps } = fixture([key(LOWER)]);
        await directory.find(LOWER);
        advance(300);
        table.records.push(key(UPPER));
        expect((await directory.find(UPPER.toLowerCase()))?.API_Key).toBe(UPPER);
        expect(table.scans).toBe(2);
        expect(sleeps).toEqual([700]);
    });

    it("answers an unknown key from a read that started after it asked", async () => {
        const { table, directory, advance } = fixture([key(LOWER)]);
        await directory.find(LOWER);
        advance(5_000);
        expect(await directory.find(crypto.randomUUID())).toBeUndefined();
        expect(table.scans).toBe(2);
    });

    it("holds only the table in memory and reads it once per interval however many unknown keys arrive", async () => {
        const { table, directory, advance } = fixture([key(UPPER), key(MIXED), key(LOWER)]);
        await directory.find(LOWER);
        for (let batch = 0; batch < 10; batch++) {
            advance(1);
            const found = await Promise.all(Array.from({ length: 10_000 }, () => directory.find(crypto.randomUUID())));
            expect(found.every((record) => record === undefined)).toBe(true);
        }
        expect(directory.size).toBe(3);
        // 100,000 unknown keys in 10 concurrent bursts: one read per burst after the first.
        expect(table.scans).toBe(1 + 10);
    });

    it("prefers the record stored exactly as sent, then an active one, when a key is stored in two casings", async () => {
        const lower = UPPER.toLowerCase();
        const { directory } = fixture([key(UPPER, { Active: false }), key(lower)]);
        expect((await directory.find(UPPER))?.Active).toBe(false);
        expect((await directory.find(lower))?.Active).toBe(true);
        expect((await directory.find(UPPER.replace("B", "b")))?.API_Key).toBe(lower);
    });

    it("shares one read between concurrent lookups and fails them all when the read fails", async () => {
        let scans = 0;
        const source: ApiKeySource = {
            list: async () => {
                scans += 1;
                throw new Error("DynamoDB is unavailable");
            },
        };
        const directory = new ApiKeyDirectory(source);
        const results = await Promise.allSettled([directory.find(LOWER), directory.find(UPPER)]);
        expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
        expect(scans).toBe(1);
    });

    it("joins the read under way even when the lookups arrive a millisecond apart (a busy machine)", async () => {
        let scans = 0;
        let clock = 1_000;
        const failing: ApiKeySource = {
            list: async () => {
                scans += 1;
                throw new Error("DynamoDB is unavailable");
            },
        };
        const directory = new ApiKeyDirectory(failing, { now: () => clock++, sleep: async () => undefined });
        const results = await Promise.allSettled([directory.find(LOWER), directory.find(UPPER)]);
        expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
        expect(scans).toBe(1);
    });
});

/** Lets reads started in the background finish (the fixture's table answers at once). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("API-key directory, from memory (peek)", () => {
    it("holds nothing before the first read, and starts that read itself", async () => {
        const { table, directory } = fixture([key(LOWER)]);
        expect(directory.peek(LOWER)).toEqual({ held: false });
        await settled();
        expect(table.scans).toBe(1);
        expect(directory.peek(LOWER.toUpperCase())).toEqual({ held: true, record: key(LOWER) });
    });

    it("answers a stale read at once and refreshes it in the background for the next caller", async () => {
        const { table, directory, advance } = fixture([key(LOWER)]);
        directory.warmUp();
        await settled();
        table.records = [key(LOWER, { Active: false })];
        advance(30_000);
        expect(directory.peek(LOWER)).toMatchObject({ held: true, record: { Active: true } });
        expect(directory.peek(LOWER)).toMatchObject({ held: true, record: { Active: true } });
        await settled();
        expect(table.scans).toBe(2);
        expect(directory.peek(LOWER)).toMatchObject({ held: true, record: { Active: false } });
    });

    it("answers a key stored a moment ago as absent, reads again at most once per missReloadMs, then finds it", async () => {
        const { table, directory, advance } = fixture([key(LOWER)]);
        directory.warmUp();
        await settled();
        advance(200);
        table.records.push(key(UPPER));
        expect(directory.peek(UPPER)).toEqual({ held: true, record: undefined });
        for (let i = 0; i < 100; i++) directory.peek(crypto.randomUUID());
        await settled();
        expect(table.scans).toBe(1);
        advance(800);
        expect(directory.peek(UPPER)).toEqual({ held: true, record: undefined });
        for (let i = 0; i < 100; i++) directory.peek(crypto.randomUUID());
        await settled();
        expect(table.scans).toBe(2);
        expect(directory.peek(UPPER)).toEqual({ held: true, record: key(UPPER) });
        expect(directory.size).toBe(2);
    });

    it("reports a failed background read, keeps the last read until peekMaxAgeMs, then holds nothing", async () => {
        const errors: unknown[] = [];
        const { table, directory, advance } = fixture([key(LOWER)], {
            peekMaxAgeMs: 60_000,
            onBackgroundError: (error) => errors.push(error),
        });
        directory.warmUp();
        await settled();
        table.records = new Proxy(table.records, {
            get: () => {
                throw new Error("DynamoDB is unavailable");
            },
        });
        advance(30_000);
        expect(directory.peek(LOWER)).toMatchObject({ held: true, record: { API_Key: LOWER } });
        await settled();
        expect(errors).toEqual([expect.objectContaining({ message: "DynamoDB is unavailable" })]);
        advance(30_000);
        expect(directory.peek(LOWER)).toEqual({ held: false });
    });

    it("warmUp reads once at start-up and never again by itself", async () => {
        const { table, directory } = fixture([key(LOWER)]);
        directory.warmUp();
        directory.warmUp();
        await settled();
        directory.warmUp();
        await settled();
        expect(table.scans).toBe(1);
    });
});
