import { describe, expect, it } from "vitest";
import type { SubmittedLead } from "../src/lead/lead-state";
import { checkOpenLeadKey, OpenLeadKeyForm, openLeadKey, openLeadKeyOf } from "../src/lead/open-lead-key";

const RETAILER = "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01";
const LOCATION = "a1e0c9d2-5b7f-4e3a-8c21-3f9d0b1a2c01";

describe("openLeadKey", () => {
    it("is retailer|location|E.164 phone", () => {
        expect(openLeadKey(RETAILER, LOCATION, "+13125550123")).toBe(`${RETAILER}|${LOCATION}|+13125550123`);
    });

    it("gives every notation of one number and either case of the ids the same key", () => {
        const keys = new Set([
            openLeadKey(RETAILER, LOCATION, "(312) 555-0123"),
            openLeadKey(RETAILER, LOCATION, "312.555.0123"),
            openLeadKey(RETAILER, LOCATION, "+1 312 555 0123"),
            openLeadKey(RETAILER.toUpperCase(), LOCATION.toUpperCase(), "1-312-555-0123"),
        ]);
        expect([...keys]).toEqual([`${RETAILER}|${LOCATION}|+13125550123`]);
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
        expect(openLeadKeyOf(lead)).toBe(`${RETAILER}|${LOCATION}|+13125550123`);
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

describe("checkOpenLeadKey (a key from the URL)", () => {
    const key = `${RETAILER}|${LOCATION}|+13125550123`;

    it("accepts the key openLeadKey writes, which the documented form also matches", () => {
        expect(checkOpenLeadKey(key)).toEqual({ ok: true });
        expect(OpenLeadKeyForm.safeParse(key).success).toBe(true);
    });

    it.each([
        ["upper-case ids", `${RETAILER.toUpperCase()}|${LOCATION}|+13125550123`],
        ["a national phone notation", `${RETAILER}|${LOCATION}|(312) 555-0123`],
        ["a phone without the country code", `${RETAILER}|${LOCATION}|3125550123`],
    ])("refuses %s, naming the key to use", (_case, given) => {
        expect(checkOpenLeadKey(given)).toEqual({
            ok: false,
            reason: `Use the key '${key}': ids in lower case, the phone in E.164`,
        });
        expect(OpenLeadKeyForm.safeParse(given).success).toBe(false);
    });

    it.each([
        ["too few parts", `${RETAILER}|+13125550123`, "CustomerPhone"],
        ["a retailer that is not a UUID", `retailer|${LOCATION}|+13125550123`, "RetailerId"],
        ["an impossible phone", `${RETAILER}|${LOCATION}|12`, "CustomerPhone: is not a valid phone number"],
        ["a fourth part", `${key}|extra`, "4 parts"],
        ["nothing", "", "RetailerId"],
    ])("refuses %s, naming the form", (_case, given, names) => {
        const check = checkOpenLeadKey(given);
        expect(check.ok).toBe(false);
        expect(check.ok ? "" : check.reason).toMatch(
            /^The key must be <RetailerId>\|<LocationId>\|<customer phone in E\.164> \(/,
        );
        expect(check.ok ? "" : check.reason).toContain(names);
    });
});
