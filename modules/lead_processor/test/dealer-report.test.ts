import { describe, expect, it } from "vitest";
import { locationReport } from "../src/services/dealer/dealer-report";

describe("Dealer location report", () => {
    it("gives ids, name, address and the three phones in E.164", () => {
        const entry = locationReport(
            {
                id: "loc-1",
                universal_id: "u-1",
                location_name: "Prairie Floors Chicago",
                street_address: "100 W Randolph St",
                city: "Chicago",
                state_province: "IL",
                zip_code: "60601",
                store_phone_number: "(312) 555-0140",
                call_tracking_number: "(312) 555-0141",
                Web2Text_Phone_Number: "(312) 555-0142",
            },
            { Name: "Location", Status: "VALID" },
        );
        expect(JSON.parse(JSON.stringify(entry))).toEqual({
            NexusLocationId: "loc-1",
            UniversalLocationId: "u-1",
            Name: "Prairie Floors Chicago",
            StreetAddress: "100 W Randolph St",
            City: "Chicago",
            State: "IL",
            ZipCode: "60601",
            StorePhoneNumber: "+13125550140",
            CallTrackingPhoneNumber: "+13125550141",
            Web2TextPhoneNumber: "+13125550142",
            Status: "VALID",
        });
    });

    it("leaves out empty values and numbers that do not parse, and falls back to the store name", () => {
        const entry = locationReport(
            {
                id: "loc-2",
                location_name: " ",
                store_name: "Store",
                call_tracking_number: "",
                Web2Text_Phone_Number: "invalid",
            },
            { Name: "Location", Status: "INVALID", Reason: "Location's phone number cannot be parsed: 'invalid'" },
        );
        expect(JSON.parse(JSON.stringify(entry))).toEqual({
            NexusLocationId: "loc-2",
            Name: "Store",
            Status: "INVALID",
            Reason: "Location's phone number cannot be parsed: 'invalid'",
        });
    });
});
