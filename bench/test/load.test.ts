import { describe, expect, it } from "vitest";
import { errorDigest, runLoad } from "../lib/load";

/** A call that stays in flight until the test lets it finish, so concurrency is observable without timing. */
function gate() {
    const waiting: (() => void)[] = [];
    let inFlight = 0;
    let peak = 0;
    return {
        call: () =>
            new Promise<void>((resolve) => {
                inFlight++;
                peak = Math.max(peak, inFlight);
                waiting.push(() => {
                    inFlight--;
                    resolve();
                });
            }),
        releaseAll: async () => {
            while (waiting.length > 0) {
                for (const release of waiting.splice(0)) release();
                await Promise.resolve();
                await new Promise((r) => setImmediate(r));
            }
        },
        get peak() {
            return peak;
        },
    };
}

describe("runLoad", () => {
    it("makes exactly n calls with at most `concurrency` in flight", async () => {
        const g = gate();
        const seen: number[] = [];
        const run = runLoad({
            n: 25,
            concurrency: 4,
            call: async (i) => {
                seen.push(i);
                await g.call();
            },
        });
        await new Promise((r) => setImmediate(r));
        expect(g.peak).toBe(4);
        await g.releaseAll();
        const result = await run;
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
        expect(result.latenciesMs).toHaveLength(25);
        expect(result.maxInFlight).toBe(4);
        expect(g.peak).toBe(4);
    });

    it("measures each call with the given clock and counts failures apart", async () => {
        let t = 0;
        const result = await runLoad({
            n: 6,
            concurrency: 1,
            now: () => t,
            call: async (i) => {
                t += 10;
                if (i % 3 === 0) throw new Error(`boom ${i % 2}`);
            },
        });
        expect(result.latenciesMs).toHaveLength(4);
        expect(result.latenciesMs.every((ms) => ms === 10)).toBe(true);
        expect(result.errors.map((e) => e.index).sort()).toEqual([0, 3]);
        expect(result.wallMs).toBe(60);
    });

    it("starts no call after the deadline and says the run was cut", async () => {
        let t = 0;
        const result = await runLoad({
            n: 10,
            concurrency: 1,
            now: () => t,
            deadline: 35,
            call: async () => {
                t += 10;
            },
        });
        expect(result.started).toBe(4);
        expect(result.cut).toBe(true);
        expect(result.latenciesMs).toHaveLength(4);
        const whole = await runLoad({ n: 3, concurrency: 2, deadline: Number.POSITIVE_INFINITY, call: async () => 1 });
        expect(whole).toMatchObject({ started: 3, cut: false });
    });

    it("never starts more workers than calls, and handles n = 0", async () => {
        const one = await runLoad({ n: 1, concurrency: 32, call: async () => undefined });
        expect(one.maxInFlight).toBe(1);
        const none = await runLoad({ n: 0, concurrency: 8, call: async () => undefined });
        expect(none.latenciesMs).toEqual([]);
        await expect(runLoad({ n: 1, concurrency: 0, call: async () => undefined })).rejects.toThrow(RangeError);
    });
});

describe("errorDigest", () => {
    it("lists the most frequent messages first with their counts", () => {
        const digest = errorDigest([
            { index: 0, message: "a" },
            { index: 1, message: "b" },
            { index: 2, message: "b" },
        ]);
        expect(digest).toBe("2× b; 1× a");
    });
});
