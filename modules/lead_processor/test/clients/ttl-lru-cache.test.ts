import { describe, expect, it } from "vitest";
import { TtlLruCache } from "../../src/clients/ttl-lru-cache";

/** A cache over a clock the test moves. */
function cache<V>(maxEntries: number, ttlMs: number) {
    const clock = { now: 0 };
    return { cache: new TtlLruCache<V>(maxEntries, ttlMs, () => clock.now), clock };
}

/** A load the test settles by hand, counting how often it was started. */
function manualLoad<V>() {
    const started: { resolve: (value: V) => void; reject: (error: Error) => void }[] = [];
    const load = () => new Promise<V>((resolve, reject) => started.push({ resolve, reject }));
    return { load, started };
}

describe("TtlLruCache", () => {
    it("evicts the least recently used entry when full", () => {
        const { cache: lru } = cache<number>(2, 1000);
        lru.set("a", 1);
        lru.set("b", 2);
        expect(lru.get("a")).toBe(1);
        lru.set("c", 3);
        expect(lru.get("b")).toBeUndefined();
        expect(lru.get("a")).toBe(1);
        expect(lru.get("c")).toBe(3);
        expect(lru.size).toBe(2);
    });

    it("forgets an entry when its time is up, or after its own lifetime", () => {
        const { cache: lru, clock } = cache<string>(10, 1000);
        lru.set("default", "x");
        lru.set("short", "y", 10);
        clock.now = 9;
        expect([lru.get("default"), lru.get("short")]).toEqual(["x", "y"]);
        clock.now = 10;
        expect([lru.get("default"), lru.get("short")]).toEqual(["x", undefined]);
        clock.now = 1000;
        expect(lru.get("default")).toBeUndefined();
        expect(lru.size).toBe(0);
    });

    it("stays within its bound whatever the number of distinct keys", () => {
        const { cache: lru } = cache<boolean>(1000, 60_000);
        for (let i = 0; i < 100_000; i++) lru.set(crypto.randomUUID(), false);
        expect(lru.size).toBe(1000);
    });

    it("refuses a bound below one entry", () => {
        expect(() => new TtlLruCache(0, 1000)).toThrow(RangeError);
    });
});

describe("TtlLruCache.getOrLoad", () => {
    it("loads once, shares the load in flight and then answers from the cache", async () => {
        const { cache: lru } = cache<string>(10, 1000);
        const { load, started } = manualLoad<string>();
        const first = lru.getOrLoad("k", load);
        const second = lru.getOrLoad("k", load);
        expect(lru.get("k")).toBeUndefined();
        started[0]?.resolve("v");
        expect(await Promise.all([first, second])).toEqual(["v", "v"]);
        expect(await lru.getOrLoad("k", load)).toBe("v");
        expect(started).toHaveLength(1);
    });

    it("keeps nothing when the load fails, so the next caller loads again", async () => {
        const { cache: lru } = cache<string>(10, 1000);
        const { load, started } = manualLoad<string>();
        const failed = lru.getOrLoad("k", load);
        started[0]?.reject(new Error("vendor down"));
        await expect(failed).rejects.toThrow("vendor down");
        expect(lru.size).toBe(0);
        const retried = lru.getOrLoad("k", load);
        started[1]?.resolve("v");
        expect(await retried).toBe("v");
    });

    it("lets the loaded value choose its lifetime, counted from its arrival", async () => {
        const { cache: lru, clock } = cache<{ ttl: number }>(10, 1000);
        await lru.getOrLoad(
            "k",
            async () => ({ ttl: 50 }),
            (value) => value.ttl,
        );
        clock.now = 49;
        expect(lru.get("k")).toEqual({ ttl: 50 });
        clock.now = 50;
        expect(lru.get("k")).toBeUndefined();
    });

    it("counts a load in flight against the bound, and an evicted load does not come back", async () => {
        const { cache: lru } = cache<string>(1, 1000);
        const { load, started } = manualLoad<string>();
        const evicted = lru.getOrLoad("a", load);
        lru.set("b", "b");
        expect(lru.size).toBe(1);
        started[0]?.resolve("a");
        expect(await evicted).toBe("a");
        expect([lru.get("a"), lru.get("b"), lru.size]).toEqual([undefined, "b", 1]);
    });
});
