import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const postForm = (fields: Record<string, string>, type = "application/x-www-form-urlencoded") =>
    sb.fetch(
        new Request("http://sandbox.test/floorforce/external/postactonformdata", {
            method: "POST",
            headers: { "content-type": type },
            body: type.includes("json") ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
        }),
    );

describe("FloorForce stand-in", () => {
    it("accepts a url-encoded form with first and last name", async () => {
        const res = await postForm({ "First Name": "Ada", "Last Name": "Lovelace", notes: "x" });
        expect(res.status).toBe(200);
        expect(sb.recorder.list({ service: "floorforce" })[0]?.body).toEqual({
            "First Name": "Ada",
            "Last Name": "Lovelace",
            notes: "x",
        });
    });

    it("refuses forms without names and non-form bodies", async () => {
        expect((await postForm({ "First Name": "Ada" })).status).toBe(400);
        expect((await postForm({ "First Name": "Ada", "Last Name": "L" }, "application/json")).status).toBe(415);
    });

    it("obeys the fault switch", async () => {
        sb.faults.set({ service: "floorforce", status: 500, count: 1 });
        expect((await postForm({ "First Name": "Ada", "Last Name": "L" })).status).toBe(500);
        expect((await postForm({ "First Name": "Ada", "Last Name": "L" })).status).toBe(200);
    });
});
