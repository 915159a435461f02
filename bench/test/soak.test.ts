import { describe, expect, it } from "vitest";
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
