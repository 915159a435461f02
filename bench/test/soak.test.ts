import { describe, expect, it } from "vitest";
import { warmupCount } from "../lib/scenarios/create";
import { soakCount } from "../lib/scenarios/soak";

describe("soakCount", () => {
    it("tops the leads handled so far up to the target", () => {
        expect(soakCount(3000, 1460)).toBe(1540);
    });

    it("always runs at least a fifth of the target, so the RSS series has points", () => {
        expect(soakCount(3000, 2900)).toBe(600);
        expect(soakCount(3000, 5000)).toBe(600);
        expect(soakCount(600, 0)).toBe(600);
    });
});

describe("warmupCount", () => {
    it("keeps the warm-up for ACTON and makes the costly WEB2TEXT one half the concurrency, at least 8", () => {
        expect(warmupCount("ACTON", 30, 32)).toBe(30);
        expect(warmupCount("WEB2TEXT", 30, 8)).toBe(8);
        expect(warmupCount("WEB2TEXT", 30, 32)).toBe(16);
        expect(warmupCount("WEB2TEXT", 5, 32)).toBe(5);
    });
});
