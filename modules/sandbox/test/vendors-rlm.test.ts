import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    sb.fetch(
        new Request(`http://sandbox.test${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify(body),
        }),
    );

const Created = z.object({ result: z.literal("Success"), lead_id: z.number(), lead_uuid: z.string() });
const Mapping = z.array(z.object({ dhq_store_id: z.string(), location_name: z.string() }));
const read = async (res: Response) => res.json();

const LEAD = {
    location_name: "Prairie Floors Chicago",
    divison_name: "Per Pipeline configuration",
    source_name: "Web2Text",
    first_name: "Jane",
    last_name: "Public",
    phone: "+13125550199",
    mobile_phone: "+13125550199",
    website: "prairie-floors.example",
    note: "Web2Text lead",
};

describe("RLM stand-in", () => {
    it("creates leads for seeded and override-style keys, with generated ids", async () => {
        const a = Created.parse(await read(await post("/rlm/api/rlm-key-prairie-floors/leads", { lead: LEAD })));
        const b = Created.parse(await read(await post("/rlm/api/rlm-override-local/leads", { lead: LEAD })));
        expect(b.lead_id).toBe(a.lead_id + 1);
    });

    it("refuses an unknown key with 401 and answers Error / No data results", async () => {
        expect((await post("/rlm/api/someone-else/leads", { lead: LEAD })).status).toBe(401);
        const noData = await post("/rlm/api/rlm-key-prairie-floors/leads", {});
        expect(await noData.json()).toMatchObject({ result: "No data" });
        const invalid = await post("/rlm/api/rlm-key-prairie-floors/leads", { lead: { ...LEAD, phone: "" } });
        expect(invalid.status).toBe(200);
        expect(await invalid.json()).toMatchObject({ result: "Error", messages: [expect.stringContaining("phone")] });
    });

    it("adds notes to created leads only", async () => {
        const { lead_uuid } = Created.parse(
            await read(await post("/rlm/api/rlm-key-prairie-floors/leads", { lead: LEAD })),
        );
        const note = {
            lead_uuid,
            sender_phone: "+13125550199",
            sender_name: "Jane",
            message: "hi",
            date: "2026-03-03",
        };
        const ok = await post("/rlm/api/note_from_sms", note);
        expect(await ok.json()).toMatchObject({ result: "Success" });
        expect((await post("/rlm/api/note_from_sms", { ...note, lead_uuid: "nope" })).status).toBe(404);
    });

    it("serves the store-location mapping to the god credentials only", async () => {
        const get = (headers: Record<string, string>) =>
            sb.fetch(new Request("http://sandbox.test/rlm/api/v1/dhq_store_rlm_location_mappings.json", { headers }));
        expect((await get({})).status).toBe(401);
        const res = await get({ "x-api-key": "sandbox-rlm-god-key", "x-user-email": "god@rlm.example" });
        const rows = Mapping.parse(await res.json());
        const store = seed.retailers[0]?.locations[0];
        expect(rows.find((r) => r.dhq_store_id === store?.universal_id)?.location_name).toBe(store?.location_name);
    });

    it("records every call as service rlm and obeys the fault switch", async () => {
        sb.faults.set({ service: "rlm", status: 503, count: 1 });
        expect((await post("/rlm/api/rlm-key-prairie-floors/leads", { lead: LEAD })).status).toBe(503);
        expect((await post("/rlm/api/rlm-key-prairie-floors/leads", { lead: LEAD })).status).toBe(200);
        const calls = sb.recorder.list({ service: "rlm" });
        expect(calls).toHaveLength(2);
        expect(calls[1]?.body).toEqual({ lead: LEAD });
    });
});
