import { describe, expect, it } from "vitest";
import { IsoDuration, isoDurationMs } from "../src/schema/iso-duration";

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
});
