import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FloorForceClient } from "../../src/clients/floorforce/floorforce.client";
import { type SandboxServer, startSandboxServer } from "./sandbox-server";
import { vendorClients, vendorFailure } from "./vendor-clients";

let sb: SandboxServer;
beforeAll(() => {
    sb = startSandboxServer();
});
afterAll(() => sb.stop());

describe("FloorForceClient", () => {
    it("posts the form url-encoded", async () => {
        const { floorforce } = vendorClients(sb);
        await floorforce.postForm({ "First Name": "Ada", "Last Name": "Lovelace", notes: "a & b = c" });
        const call = sb.calls("floorforce").at(-1);
        expect(call?.path).toBe("/floorforce/external/postactonformdata");
        expect(call?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
        expect(call?.body).toEqual({ "First Name": "Ada", "Last Name": "Lovelace", notes: "a & b = c" });
    });

    it("fails as rejected when FloorForce refuses the form", async () => {
        const { floorforce } = vendorClients(sb);
        expect(await vendorFailure(floorforce.postForm({ "First Name": "Ada" }))).toMatchObject({
            kind: "rejected",
            status: 400,
        });
    });

    it("treats any 2xx other than 200 as a failure", async () => {
        const fetchStub = async () => new Response(null, { status: 204 });
        const floorforce = new FloorForceClient({ baseUrl: "http://floorforce.test", fetch: fetchStub });
        const error = await vendorFailure(floorforce.postForm({ "First Name": "Ada", "Last Name": "L" }));
        expect(error).toMatchObject({ kind: "invalid-response", status: 204 });
    });
});
