import { describe, expect, it } from "vitest";
import { PhoneNumber, toE164 } from "../src/schema/primitives";

describe("PhoneNumber", () => {
    it.each([
        ["(312) 555-0142", "+13125550142"],
        ["312.555.0142", "+13125550142"],
        ["+1 416 555 0101", "+14165550101"],
    ])("parses %s to E.164", (raw, e164) => {
        expect(PhoneNumber.parse(raw)).toBe(e164);
    });

    it.each(["invalid", "123", "", "+1"])("rejects %j", (raw) => {
        expect(PhoneNumber.safeParse(raw).success).toBe(false);
    });

    it("returns undefined for impossible numbers", () => {
        expect(toE164("12")).toBeUndefined();
    });
});
