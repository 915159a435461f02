import { retailerFor, type SeedLocation, seed } from "sandbox";
import { describe, expect, it } from "vitest";
import { call } from "../../support/api";

/** `(312) 555-0142` → `+13125550142` (the seed only holds US numbers). */
const e164 = (national: string) => (national ? `+1${national.replace(/\D/g, "")}` : undefined);

/** The report entry a seeded location with a valid Web2Text number should get. */
const validLocation = (l: SeedLocation) =>
    JSON.parse(
        JSON.stringify({
            NexusLocationId: l.id,
            UniversalLocationId: l.universal_id,
            Name: l.location_name,
            StreetAddress: l.street_address,
            City: l.city,
            State: l.state_province,
            ZipCode: l.zip_code,
            Web2TextPhoneNumber: e164(l.Web2Text_Phone_Number),
            StorePhoneNumber: e164(l.store_phone_number),
            CallTrackingPhoneNumber: e164(l.call_tracking_number),
            Status: "VALID",
        }),
    );

const dealer = (id: string) => call<Record<string, unknown>>(`/Dealer/${id}/status`, { method: "GET" });

describe.concurrent("Dealer status", () => {
    it("reports a valid retailer and every one of its locations", async () => {
        const retailer = retailerFor("valid");
        const res = await dealer(retailer.UniversalRetailerId);
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({ Status: "VALID", Locations: retailer.locations.map(validLocation) });
    });

    it("reports a churned retailer as INVALID with a 200", async () => {
        const res = await dealer(retailerFor("churned").UniversalRetailerId);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ Status: "INVALID", Reason: "Retailer is a churned customer" });
    });

    it("reports a retailer opted out of Web2Text as INVALID", async () => {
        const res = await dealer(retailerFor("opted-out").UniversalRetailerId);
        expect(res.body).toEqual({ Status: "INVALID", Reason: "Retailer is opted out of Web2Text" });
    });

    it("reports a location whose Web2Text number does not parse, without that number", async () => {
        const retailer = retailerFor("invalid-number");
        const res = await dealer(retailer.UniversalRetailerId);
        const location = retailer.locations[0];
        if (!location) throw new Error("seed has no invalid-number location");
        const { Web2TextPhoneNumber: _none, ...expected } = validLocation(location);
        expect(res.body).toEqual({
            Status: "VALID",
            Locations: [
                { ...expected, Status: "INVALID", Reason: "Location's phone number cannot be parsed: 'invalid'" },
            ],
        });
    });

    it("reports both retailers that share one Web2Text number as valid, with the same number", async () => {
        const shared = seed.retailers.filter((r) => r.scenario === "shared-number");
        const reports = await Promise.all(shared.map((r) => dealer(r.UniversalRetailerId)));
        reports.forEach((res, i) => {
            expect(res.body).toEqual({ Status: "VALID", Locations: shared[i]?.locations.map(validLocation) });
        });
        const numbers = reports.flatMap((r) =>
            (r.body.Locations as { Web2TextPhoneNumber: string }[]).map((l) => l.Web2TextPhoneNumber),
        );
        expect(new Set(numbers)).toEqual(new Set(["+17185550199"]));
    });

    it("reports a retailer Nexus does not know as NONEXISTANT", async () => {
        const res = await dealer(crypto.randomUUID());
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
            Status: "NONEXISTANT",
            Reason: "Could not find client with this UniversalRetailerId in Nexus",
        });
    });

    it("refuses a key that is not a UUID with 400", async () => {
        const res = await dealer("not-a-retailer");
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ message: "Invalid UniversalRetailerId: 'not-a-retailer'" });
    });
});
