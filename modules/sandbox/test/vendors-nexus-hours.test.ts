import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";
import { NEXUS_BASIC, nexusBearer } from "./nexus-auth";

// Store hours in both Nexus APIs, and the control endpoint tests use to set them.
let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const call = (path: string, init: RequestInit = {}) => sb.fetch(new Request(`http://sandbox.test${path}`, init));
const Store = z.looseObject({ id: z.string(), hours_of_operation: z.unknown() });
const Located = z.looseObject({
    id: z.string(),
    hours_of_operation: z.unknown(),
    latitude: z.number(),
    longitude: z.number(),
});

const locations = seed.retailers.flatMap((r) => r.locations.map((l) => ({ retailer: r, location: l })));
const byName = (name: string) => {
    const found = locations.find((l) => l.location.location_name === name);
    if (!found) throw new Error(`no seeded store ${name}`);
    return found;
};

/** The store's hours as each API answers them: [AWS Nexus location, old Nexus store record]. */
async function hoursFromBothApis(name: string): Promise<[unknown, unknown, { latitude: number; longitude: number }]> {
    const { retailer, location } = byName(name);
    const aws = await call(`/nexus-aws/nexus/location?location_id=${location.id}`, {
        headers: { authorization: await nexusBearer(sb) },
    });
    const [one] = z.object({ data: z.array(Located) }).parse(await aws.json()).data;
    const old = await call(`/nexus/retailers/${retailer.UniversalRetailerId}/stores`, {
        headers: { authorization: NEXUS_BASIC },
    });
    const record = z
        .array(Store)
        .parse(await old.json())
        .find((s) => s.id === location.id);
    if (!one || !record) throw new Error(`${name} missing from an API`);
    return [one.hours_of_operation, record.hours_of_operation, { latitude: one.latitude, longitude: one.longitude }];
}

const putHours = (id: string, body: unknown) =>
    call(`/__sandbox/nexus/locations/${id}/hours`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
    });

describe("seeded store hours", () => {
    it("gives stores realistic hours: closed on Sundays, split hours, and none at all", async () => {
        const [chicago, chicagoOld] = await hoursFromBothApis("Prairie Floors Chicago");
        expect(chicago).toMatchObject({ monday: "9:00 AM - 6:00 PM", sunday: "Closed" });
        expect(chicagoOld).toEqual(chicago);
        const [evanston] = await hoursFromBothApis("Prairie Floors Evanston");
        expect(evanston).toMatchObject({ tuesday: "10:00 AM - 1:00 PM, 2:00 PM - 6:00 PM", monday: "Closed" });
        const [brooklyn, brooklynOld] = await hoursFromBothApis("Twin Oaks Brooklyn");
        expect([brooklyn, brooklynOld]).toEqual([null, null]);
    });

    it("places the stores in different US time zones (coordinates from the East Coast to the West Coast)", async () => {
        const longitudes = await Promise.all(
            ["Twin Oaks Brooklyn", "Prairie Floors Chicago", "Quiet Tile Denver", "Typo Hardwood Seattle"].map(
                async (name) => (await hoursFromBothApis(name))[2].longitude,
            ),
        );
        expect(longitudes).toEqual([...longitudes].sort((a, b) => b - a));
        expect((longitudes[0] ?? 0) - (longitudes.at(-1) ?? 0)).toBeGreaterThan(45);
    });
});

describe("PUT /__sandbox/nexus/locations/{id}/hours", () => {
    const { location } = byName("Prairie Floors Chicago");

    it("sets a store's hours in both APIs until DELETE restores the seed's", async () => {
        const hours = { monday: "7:00 AM - 3:00 PM", sunday: null };
        const res = await putHours(location.id, { hours_of_operation: hours });
        expect(res.status).toBe(200);
        const [aws, old] = await hoursFromBothApis("Prairie Floors Chicago");
        expect([aws, old]).toEqual([hours, hours]);
        await putHours(location.id, { hours_of_operation: null });
        expect((await hoursFromBothApis("Prairie Floors Chicago")).slice(0, 2)).toEqual([null, null]);
        expect(await hoursFromBothApis("Prairie Floors Evanston")).not.toContain(null);

        expect((await call(`/__sandbox/nexus/locations/${location.id}/hours`, { method: "DELETE" })).status).toBe(204);
        expect((await hoursFromBothApis("Prairie Floors Chicago"))[0]).toEqual(location.hours_of_operation);
    });

    it("answers 400 naming a bad body and 404 for a location the seed does not have, changing nothing", async () => {
        for (const body of [{}, { hours_of_operation: 9 }, { hours_of_operation: { monday: 9 } }]) {
            const res = await putHours(location.id, body);
            expect(res.status).toBe(400);
            expect(await res.json()).toMatchObject({
                code: 400,
                message: expect.stringContaining("hours_of_operation"),
            });
        }
        expect((await putHours(crypto.randomUUID(), { hours_of_operation: null })).status).toBe(404);
        expect((await hoursFromBothApis("Prairie Floors Chicago"))[0]).toEqual(location.hours_of_operation);
    });
});
