import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { FloorForceClient } from "../../src/clients/floorforce/floorforce.client";
import { type SandboxServer, startSandboxServer } from "./sandbox-server";
import { vendorClients, vendorFailure } from "./vendor-clients";

let sb: SandboxServer;
beforeAll(() => {
    sb = startSandboxServer();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

describe("FloorForceClient", () => {
    it("posts the form url-encoded", async () => {
        const { floorforce } = vendorClients(sb);
        await floorforce.postForm({ "First Name": "Ada", "Last Name": "Lovelace", notes: "a & b = c" }, "L1:FF:create");
        const call = sb.calls("floorforce").at(-1);
        expect(call?.headers["idempotency-key"]).toBe("L1:FF:create");
        expect(call?.path).toBe("/floorforce/external/postactonformdata");
        expect(call?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
        expect(call?.body).toEqual({ "First Name": "Ada", "Last Name": "Lovelace", notes: "a & b = c" });
    });

    it("a repeated key stores the form once at a vendor that honours it", async () => {
        await sb.honourIdempotencyKeys();
        const { floorforce } = vendorClients(sb);
        const form = { "First Name": "Ada", "Last Name": "Lovelace" };
        await floorforce.postForm(form, "L2:FF:create");
        await floorforce.postForm(form, "L2:FF:create");
        const records = await sb.records(
            "floorforce",
            z.array(z.object({ idempotencyKey: z.string().optional(), replays: z.number() })),
        );
        expect(records.filter((r) => r.idempotencyKey === "L2:FF:create")).toMatchObject([{ replays: 1 }]);
    });

    it("fails as rejected when FloorForce refuses the form", async () => {
        const { floorforce } = vendorClients(sb);
        expect(await vendorFailure(floorforce.postForm({ "First Name": "Ada" }, "k"))).toMatchObject({
            kind: "rejected",
            status: 400,
        });
    });

    it("treats any 2xx other than 200 as a failure", async () => {
        const fetchStub = async () => new Response(null, { status: 204 });
        const floorforce = new FloorForceClient({ baseUrl: "http://floorforce.test", fetch: fetchStub });
        const error = await vendorFailure(floorforce.postForm({ "First Name": "Ada", "Last Name": "L" }, "k"));
        expect(error).toMatchObject({ kind: "invalid-response", status: 204 });
    });
});
