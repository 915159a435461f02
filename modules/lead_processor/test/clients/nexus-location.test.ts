import { describe, expect, it } from "vitest";
import { NexusLocation, NexusStoreHours } from "../../src/clients/nexus/nexus.types";

const base = { id: 7, location_name: "Chicago", Web2Text_Phone_Number: "(312) 555-0142" };

describe("a Nexus location's hours and coordinates at the boundary", () => {
    it("keeps hours_of_operation as Nexus sent it, whatever its shape, for the store-hours reader to judge", () => {
        for (const hours of [{ monday: "9-5" }, '{"monday":"9-5"}', ["9-5"], { monday: { open: 9 } }, null]) {
            expect(NexusLocation.parse({ ...base, hours_of_operation: hours }).hours_of_operation).toEqual(hours);
            expect(NexusStoreHours.parse({ id: 7, hours_of_operation: hours }).hours_of_operation).toEqual(hours);
        }
    });

    it("reads coordinates given as numbers or numeric strings, and anything else as none, never failing the record", () => {
        expect(NexusLocation.parse({ ...base, latitude: 41.88, longitude: "-87.63" })).toMatchObject({
            latitude: 41.88,
            longitude: -87.63,
        });
        for (const bad of ["", "north", { lat: 1 }, true]) {
            const parsed = NexusLocation.parse({ ...base, latitude: bad, longitude: bad });
            expect(parsed).toMatchObject({ id: "7", latitude: null, longitude: null });
        }
        expect(NexusLocation.parse(base)).toMatchObject({ id: "7" });
    });
});
