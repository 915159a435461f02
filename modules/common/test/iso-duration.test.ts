import { describe, expect, it } from "vitest";
import { IsoDuration, isoDurationAtLeast, isoDurationMs, twilioConversationTimer } from "../src/schema/iso-duration";

describe("ISO-8601 durations", () => {
    it.each([
        ["P7D", 7 * 24 * 3600 * 1000],
        ["PT30S", 30_000],
        ["PT1H30M", 90 * 60 * 1000],
        ["P1DT2H", 26 * 3600 * 1000],
        ["P2W", 14 * 24 * 3600 * 1000],
        ["PT1.5S", 1500],
        ["PT0.5S", 500],
        ["PT5M", 300_000],
        ["P1Y", 365 * 24 * 3600 * 1000],
        ["P1M", 30 * 24 * 3600 * 1000],
    ])("%s is %d ms and passes the schema", (iso, ms) => {
        expect(isoDurationMs(iso)).toBe(ms);
        expect(IsoDuration.safeParse(iso).success).toBe(true);
    });

    it.each(["P", "PT", "7D", "P7", "PT1H30", "P1DT", "1 day", "", "p7d", "P1.5D", "PT1H2"])("rejects %j", (iso) => {
        expect(isoDurationMs(iso)).toBeUndefined();
        expect(IsoDuration.safeParse(iso).error?.issues[0]?.message).toBe(
            "must be an ISO-8601 duration such as P7D or PT30S",
        );
    });

    it("refuses a duration shorter than a minimum, naming both", () => {
        expect(isoDurationAtLeast("PT1S").safeParse("PT1S").success).toBe(true);
        expect(isoDurationAtLeast("PT1S").safeParse("PT0.5S").error?.issues[0]?.message).toBe(
            "PT0.5S is shorter than PT1S",
        );
    });

    // Conversation resource, Timers.Inactive / Timers.Closed: "Minimum value for this timer is 1 minute" / "10 minutes".
    it.each([
        ["inactive", "PT1M"],
        ["inactive", "PT60S"],
        ["inactive", "P7D"],
        ["closed", "PT10M"],
        ["closed", "P1D"],
    ] as const)("a %s timer of %s meets Twilio's minimum", (timer, iso) => {
        expect(twilioConversationTimer(timer).safeParse(iso).success).toBe(true);
    });

    it.each([
        ["inactive", "PT59S", "PT59S is shorter than PT1M, Twilio's minimum for this timer"],
        ["closed", "PT5M", "PT5M is shorter than PT10M, Twilio's minimum for this timer"],
        ["closed", "PT9M59S", "PT9M59S is shorter than PT10M, Twilio's minimum for this timer"],
        ["closed", "ten minutes", "must be an ISO-8601 duration such as P7D or PT30S"],
    ] as const)("a %s timer of %s is refused with one message", (timer, iso, message) => {
        const issues = twilioConversationTimer(timer).safeParse(iso).error?.issues ?? [];
        expect(issues.map((issue) => issue.message)).toEqual([message]);
    });
});
