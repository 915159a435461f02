import { seed } from "sandbox";
import { describe, expect, it } from "vitest";
import {
    BUDGETED_NAME_LENGTH,
    customerGreeting,
    GREETING_SEGMENT_BUDGET,
} from "../../src/integrations/twilio/messages";
import { smsSegments } from "./sms-segments";

const longestSeedName = seed.retailers.map((r) => r.name).reduce((a, b) => (b.length > a.length ? b : a));
const longestAllowedName = "Prairie Floors & Tile Design Center of Greater Chicagoland X".slice(
    0,
    BUDGETED_NAME_LENGTH,
);
/** The longest opening words the greeting can name. */
const longestOpening = "next Wednesday at 12:30 PM";

describe("the customer greeting's SMS segment budget", () => {
    it("counts segments as carriers do", () => {
        expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
        expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
        expect(smsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
        expect(smsSegments(`${"a".repeat(69)}’`)).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
        expect(smsSegments("’".repeat(135))).toEqual({ encoding: "UCS-2", units: 135, segments: 3 });
    });

    it(`keeps today's and the after-hours greeting within ${GREETING_SEGMENT_BUDGET} GSM-7 segments`, () => {
        expect(longestAllowedName).toHaveLength(BUDGETED_NAME_LENGTH);
        for (const dealerName of [longestSeedName, longestAllowedName]) {
            for (const preferredMethodOfContact of ["text", "phone"] as const) {
                for (const opensAt of [undefined, longestOpening]) {
                    const text = customerGreeting({ dealerName, preferredMethodOfContact, opensAt });
                    expect(smsSegments(text)).toMatchObject({ encoding: "GSM-7" });
                    expect(smsSegments(text).segments).toBeLessThanOrEqual(GREETING_SEGMENT_BUDGET);
                }
            }
        }
    });

    it("takes a segment more past the stated name length, so the limit is a real one", () => {
        const longer = `${longestAllowedName}${"x".repeat(20)}`;
        const text = customerGreeting({
            dealerName: longer,
            preferredMethodOfContact: "phone",
            opensAt: longestOpening,
        });
        expect(smsSegments(text).segments).toBeGreaterThan(GREETING_SEGMENT_BUDGET);
    });
});
