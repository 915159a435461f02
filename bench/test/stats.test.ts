import { describe, expect, it } from "vitest";
import { percentile, perSecond, ratio, round, summarize } from "../lib/stats";

describe("percentile", () => {
    it("interpolates linearly between the closest ranks", () => {
        const sorted = [10, 20, 30, 40];
        expect(percentile(sorted, 0)).toBe(10);
        expect(percentile(sorted, 100)).toBe(40);
        expect(percentile(sorted, 50)).toBe(25);
        expect(percentile(sorted, 90)).toBeCloseTo(37);
    });

    it("gives the value itself for one sample and NaN for none", () => {
        expect(percentile([7], 99)).toBe(7);
        expect(percentile([], 50)).toBeNaN();
    });

    it("matches the usual p50/p90/p99 of 1..100", () => {
        const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
        expect(percentile(sorted, 50)).toBeCloseTo(50.5);
        expect(percentile(sorted, 90)).toBeCloseTo(90.1);
        expect(percentile(sorted, 99)).toBeCloseTo(99.01);
    });

    it("refuses a percentile outside 0..100", () => {
        expect(() => percentile([1, 2], 101)).toThrow(RangeError);
        expect(() => percentile([1, 2], -1)).toThrow(RangeError);
    });
});

describe("summarize", () => {
    it("sorts unsorted samples and reports count, min, mean, percentiles and max", () => {
        const s = summarize([5, 1, 4, 2, 3]);
        expect(s).toEqual({ count: 5, min: 1, mean: 3, p50: 3, p90: 4.6, p99: expect.closeTo(4.96, 5), max: 5 });
    });

    it("does not reorder the caller's array", () => {
        const samples = [3, 1, 2];
        summarize(samples);
        expect(samples).toEqual([3, 1, 2]);
    });

    it("reports NaN figures for no samples", () => {
        const s = summarize([]);
        expect(s.count).toBe(0);
        expect(s.p99).toBeNaN();
        expect(s.mean).toBeNaN();
    });
});

describe("rates", () => {
    it("perSecond divides by elapsed milliseconds", () => {
        expect(perSecond(300, 1500)).toBe(200);
        expect(perSecond(10, 0)).toBeNaN();
    });

    it("ratio is NaN unless both sides are usable", () => {
        expect(ratio(50, 200)).toBe(0.25);
        expect(ratio(50, 0)).toBeNaN();
        expect(ratio(Number.NaN, 2)).toBeNaN();
    });

    it("round keeps JSON-safe nulls for non-finite values", () => {
        expect(round(1.2345, 2)).toBe(1.23);
        expect(round(Number.NaN)).toBeNull();
        expect(round(Number.POSITIVE_INFINITY)).toBeNull();
    });
});
