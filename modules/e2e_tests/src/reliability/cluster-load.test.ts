import { describe, expect, it } from "vitest";
import { longestGap } from "./cluster-load";

describe("the longest gap in successful creates", () => {
    it("is the longest stretch between answers, counting from the start of the window", () => {
        expect(longestGap([1_100, 1_200, 4_200, 4_300], 1_000, 4_300)).toEqual({ ms: 3_000, from: 1_200, to: 4_200 });
        expect(longestGap([3_000, 3_100], 1_000, 3_100)).toEqual({ ms: 2_000, from: 1_000, to: 3_000 });
    });

    it("ignores answers outside the window and reads them in time order", () => {
        expect(longestGap([500, 2_500, 1_500, 9_000], 1_000, 3_000)).toEqual({ ms: 1_000, from: 1_500, to: 2_500 });
    });

    it("is the whole window when nothing was answered in it", () => {
        expect(longestGap([], 1_000, 6_000)).toEqual({ ms: 5_000, from: 1_000, to: 6_000 });
    });
});
