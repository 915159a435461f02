import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { retailerFor, seed } from "../src/seed";
import { NEXUS_BASIC, nexusBearer } from "./nexus-auth";

// The old Nexus API (HTTP Basic) and AWS Nexus (Cognito bearer token), called as raw HTTP.
let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const BASIC = NEXUS_BASIC;
const get = (path: string, authorization?: string) =>
    sb.fetch(new Request(`http://sandbox.test${path}`, authorization ? { headers: { authorization } } : {}));
const bearer = () => nexusBearer(sb);
const Stores = z.object({ data: z.array(z.looseObject({ id: z.string(), Web2Text_Phone_Number: z.string() })) });

const valid = retailerFor("valid");
const location = valid.locations[0];
if (!location) throw new Error("the seed's valid retailer has no location");

describe("old Nexus stand-in (HTTP Basic)", () => {
    it("answers 401 with a Basic challenge without credentials or with wrong ones", async () => {
        const path = `/nexus/retailers/${valid.UniversalRetailerId}`;
        const missing = await get(path);
        expect(missing.status).toBe(401);
        expect(missing.headers.get("www-authenticate")).toContain("Basic");
        expect((await get(path, `Basic ${btoa(`${seed.nexus.username}:wrong`)}`)).status).toBe(401);
        expect((await get(path, await bearer())).status).toBe(401);
        expect((await get(path, BASIC)).status).toBe(200);
    });

    it("serves a retailer, its subscriptions and its stores' hours; 404 for an unknown retailer", async () => {
        const id = valid.UniversalRetailerId;
        expect(await (await get(`/nexus/retailers/${id}`, BASIC)).json()).toMatchObject({
            id,
            name: valid.name,
            status: valid.status,
            rlm_api_key: valid.rlm_api_key,
        });
        expect(await (await get(`/nexus/retailers/${id}/subscriptions`, BASIC)).json()).toMatchObject(
            valid.subscriptions,
        );
        const hours = z.array(z.looseObject({ id: z.string(), hours_of_operation: z.record(z.string(), z.string()) }));
        const stores = hours.parse(await (await get(`/nexus/retailers/${id}/stores`, BASIC)).json());
        expect(stores.map((s) => s.id)).toEqual(valid.locations.map((l) => l.id));
        expect(stores[0]?.hours_of_operation.sunday).toBe("Closed");
        const unknown = crypto.randomUUID();
        for (const path of ["", "/subscriptions", "/stores"]) {
            expect((await get(`/nexus/retailers/${unknown}${path}`, BASIC)).status).toBe(404);
        }
        expect(sb.recorder.list({ service: "nexus" }).length).toBeGreaterThan(4);
    });
});

describe("AWS Nexus stand-in (Cognito bearer token)", () => {
    const locationPath = `/nexus-aws/nexus/location?location_id=${location.id}`;

    it("answers 401 without a token, with a forged one or with Basic credentials", async () => {
        for (const auth of [undefined, "Bearer forged", BASIC]) {
            const res = await get(locationPath, auth);
            expect(res.status).toBe(401);
            expect(await res.json()).toEqual({ message: "Unauthorized" });
        }
    });

    it("serves a retailer's stores and one store in `data`; empty for unknown ids, 400 without the parameter", async () => {
        const auth = await bearer();
        const stores = Stores.parse(
            await (
                await get(`/nexus-aws/nexus/retailerLocations?retailer_id=${valid.UniversalRetailerId}`, auth)
            ).json(),
        );
        expect(stores.data.map((s) => s.id)).toEqual(valid.locations.map((l) => l.id));
        const one = Stores.parse(await (await get(locationPath, auth)).json());
        expect(one.data).toMatchObject([{ id: location.id, Web2Text_Phone_Number: location.Web2Text_Phone_Number }]);
        expect(await (await get("/nexus-aws/nexus/location?location_id=nope", auth)).json()).toEqual({ data: [] });
        expect((await get("/nexus-aws/nexus/location", auth)).status).toBe(400);
        expect((await get("/nexus-aws/nexus/retailerLocations", auth)).status).toBe(400);
        expect(sb.recorder.list({ service: "nexus-aws" })).toHaveLength(5);
    });

    it("refuses a token once it has expired (lifetime set through the control endpoint) or was revoked", async () => {
        const put = await sb.fetch(
            new Request("http://sandbox.test/__sandbox/cognito/token-lifetime", {
                method: "PUT",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ seconds: 1 }),
            }),
        );
        expect(put.status).toBe(200);
        const shortLived = await bearer();
        expect((await get(locationPath, shortLived)).status).toBe(200);
        await Bun.sleep(1_100);
        expect((await get(locationPath, shortLived)).status).toBe(401);

        const revoked = await bearer();
        const del = await sb.fetch(new Request("http://sandbox.test/__sandbox/cognito/tokens", { method: "DELETE" }));
        expect(del.status).toBe(204);
        expect((await get(locationPath, revoked)).status).toBe(401);
    });
});
