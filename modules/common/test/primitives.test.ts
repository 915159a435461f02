import { describe, expect, it } from "vitest";
import { PhoneNumber, toE164, Uuid } from "../src/schema/primitives";

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

describe("Uuid", () => {
    it.each([
        "2b0c7a4e-1111-4a2b-8c3d-000000000001",
        "2B0C7A4E-1111-4A2B-8C3D-000000000001",
        // Version and variant digits outside RFC 9562: the production system (zod 3) accepted these.
        "11111111-2222-3333-4444-555555555555",
        "00000000-0000-0000-0000-000000000000",
    ])("accepts %s", (id) => {
        expect(Uuid.safeParse(id).success).toBe(true);
    });

    it.each(["not-a-uuid", "11111111222233334444555555555555", "11111111-2222-3333-4444-55555555555g", ""])(
        "rejects %j",
        (id) => {
            expect(Uuid.safeParse(id).success).toBe(false);
        },
    );
});
