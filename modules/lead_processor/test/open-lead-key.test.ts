import { describe, expect, it } from "vitest";
import type { SubmittedLead } from "../src/lead/lead-state";
import { checkOpenLeadKey, customerRef, OpenLeadKeyForm, openLeadKey, openLeadKeyOf } from "../src/lead/open-lead-key";

const RETAILER = "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01";
const LOCATION = "a1e0c9d2-5b7f-4e3a-8c21-3f9d0b1a2c01";
/** SHA-256 of "+13125550123", hex (`printf %s +13125550123 | sha256sum`). */
const REF = "f2c439860d6620db6a290aa91833f73864c3c2ae7ddf409605bc587023513b7f";

describe("openLeadKey", () => {
    it("is retailer|location|SHA-256 of the E.164 phone, so the number itself never appears in a URL", () => {
        expect(customerRef("+13125550123")).toBe(REF);
        expect(openLeadKey(RETAILER, LOCATION, "+13125550123")).toBe(`${RETAILER}|${LOCATION}|${REF}`);
        expect(openLeadKey(RETAILER, LOCATION, "+13125550123")).not.toContain("3125550123");
    });

    it("gives every notation of one number and either case of the ids the same key", () => {
        const keys = new Set([
            openLeadKey(RETAILER, LOCATION, "(312) 555-0123"),
            openLeadKey(RETAILER, LOCATION, "312.555.0123"),
            openLeadKey(RETAILER, LOCATION, "+1 312 555 0123"),
            openLeadKey(RETAILER.toUpperCase(), LOCATION.toUpperCase(), "1-312-555-0123"),
        ]);
        expect([...keys]).toEqual([`${RETAILER}|${LOCATION}|${REF}`]);
    });

    it("tells customers, stores and retailers apart", () => {
        const key = openLeadKey(RETAILER, LOCATION, "+13125550123");
        expect(openLeadKey(RETAILER, LOCATION, "+13125550124")).not.toBe(key);
        expect(openLeadKey(RETAILER, RETAILER, "+13125550123")).not.toBe(key);
        expect(openLeadKey(LOCATION, LOCATION, "+13125550123")).not.toBe(key);
    });

    it("refuses an impossible phone number", () => {
        expect(() => openLeadKey(RETAILER, LOCATION, "12")).toThrow("possible phone number");
    });
});

describe("openLeadKeyOf", () => {
    const common = {
        SchemaVersion: "2.0.0",
        LeadId: "0b7c1f7e-1111-4a2b-8c3d-444455556666",
        Status: "ACTIVE",
        UniversalRetailerId: RETAILER,
        DateSubmitted: "2026-12-03T14:00:00.000Z",
        Integrations: {},
    } as const;

    it("keys a WEB2TEXT lead by its retailer, location and customer phone", () => {
        const lead: SubmittedLead = {
            ...common,
            LeadType: "WEB2TEXT",
            Lead: {
                LocationId: LOCATION,
                PageUrl: "https://prairie-floors.example/oak",
                Name: "Dana",
                PhoneNumber: "+13125550123",
                PreferredMethodOfContact: "text",
                CustomerMessage: "Hello",
            },
        };
        expect(openLeadKeyOf(lead)).toBe(`${RETAILER}|${LOCATION}|${REF}`);
    });

    it("keys no ACTON lead (the index holds WEB2TEXT leads only)", () => {
        const lead: SubmittedLead = {
            ...common,
            LeadType: "ACTON",
            Lead: {
                "First Name": "Robin",
                "Last Name": "Buyer",
                "E-mail Address": "robin@example.com",
                "Home Postal Code": "60601",
                preferred_location: "Chicago",
            },
        };
        expect(openLeadKeyOf(lead)).toBeUndefined();
    });
});

describe("checkOpenLeadKey (a key from the URL, the phone from the body)", () => {
    const key = `${RETAILER}|${LOCATION}|${REF}`;
    const phone = "+13125550123";

    it("accepts the key openLeadKey writes for that phone, which the documented form also matches", () => {
        expect(checkOpenLeadKey(key, phone)).toEqual({ ok: true });
        expect(OpenLeadKeyForm.safeParse(key).success).toBe(true);
    });

    it.each([
        ["upper-case ids", `${RETAILER.toUpperCase()}|${LOCATION}|${REF}`],
        ["the phone instead of its digest", `${RETAILER}|${LOCATION}|${phone}`],
        ["the digest of another notation", `${RETAILER}|${LOCATION}|${customerRef("3125550123")}`],
        ["another customer's digest", `${RETAILER}|${LOCATION}|${customerRef("+13125550124")}`],
        ["a missing digest", `${RETAILER}|${LOCATION}`],
        ["a fourth part", `${key}|extra`],
    ])("refuses %s, naming the key to use", (_case, given) => {
        expect(checkOpenLeadKey(given, phone)).toEqual({
            ok: false,
            reason: `Use the key '${key}' for this customer: ids in lower case, then the SHA-256 of the phone in E.164, in hex`,
        });
    });

    it.each([
        ["a retailer that is not a UUID", `retailer|${LOCATION}|${REF}`, "RetailerId"],
        ["a single part", REF, "LocationId"],
        ["nothing", "", "RetailerId"],
    ])("refuses %s, naming the form", (_case, given, names) => {
        const check = checkOpenLeadKey(given, phone);
        expect(check.ok).toBe(false);
        expect(check.ok ? "" : check.reason).toMatch(/^The key must be <RetailerId>\|<LocationId>\|<SHA-256 of /);
        expect(check.ok ? "" : check.reason).toContain(names);
    });
});
