import { describe, expect, it } from "vitest";
import { maskPhone, maskPhonesInText, redact } from "../src/logging/mask";

describe("phone masking", () => {
    it("keeps only the last four digits of an E.164 number", () => {
        expect(maskPhone("+15551234567")).toBe("+*******4567");
    });

    it("masks numbers inside free text in any common notation", () => {
        expect(maskPhonesInText("call (312) 555-0142 or +1 847 555 0152 now")).toBe(
            "call (***) ***-0142 or +* *** *** 0152 now",
        );
    });

    it("leaves short digit runs such as years and ids alone", () => {
        expect(maskPhonesInText("lead 2024 item 12345")).toBe("lead 2024 item 12345");
    });

    it("leaves Twilio SIDs and UUIDs intact", () => {
        const text = "conversation CH00000000000000000000000000000001 lead 5c1d7a4e-0000-4000-8000-000000000070";
        expect(maskPhonesInText(text)).toBe(text);
    });

    it("redacts secret-looking keys and masks nested phones", () => {
        expect(redact({ authorization: "Bearer x", nested: { phone: "+13125550142" } })).toEqual({
            authorization: "[redacted]",
            nested: { phone: "+*******0142" },
        });
    });
});
