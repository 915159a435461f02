import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const BASE = "http://sandbox.test";
const RETAILER = "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01";

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    sb.fetch(
        new Request(`${BASE}${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify(body),
        }),
    );
const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    sb.fetch(
        new Request(`${BASE}${path}`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
            body: new URLSearchParams(fields).toString(),
        }),
    );
const records = async (service: string) => {
    const res = await sb.fetch(new Request(`${BASE}/__sandbox/${service}/records`));
    expect(res.status).toBe(200);
    return z
        .array(z.looseObject({ replays: z.number(), idempotencyKey: z.string().optional() }))
        .parse(await res.json());
};
const key = (value: string) => ({ "idempotency-key": value });

const RLM_LEAD = {
    location_name: "Per Pipeline configuration",
    divison_name: "Per Pipeline configuration",
    source_name: "Web2Text",
    first_name: "Jane",
    last_name: "Public",
    phone: "+13125550199",
};
const INQUIRY = {
    occurred_at: "2026-03-03T10:00:00.000Z",
    universal_store_id: "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01",
    inquiry: {
        contact_method: "cys_inquiry",
        email: "web2text+13125550199@broadlume.com",
        external_id: "lead-1",
        message: "hi",
        name: "Jane Public",
        phone_number: "+13125550199",
    },
};
const CONTACT = { "First Name": "Ada", "Last Name": "Lovelace", "E-mail Address": "ada@example.com" };
const DHQ_AUTH = { authorization: "Bearer sandbox-dhq-key" };

async function actOnToken(): Promise<string> {
    const res = await postForm("/acton/token", {
        grant_type: "password",
        username: "sandbox-acton-user",
        password: "sandbox-acton-password",
        client_id: "sandbox-acton-client",
        client_secret: "sandbox-acton-secret",
    });
    return z.object({ access_token: z.string() }).parse(await res.json()).access_token;
}

// RLM, DealerHQ, ActOn and FloorForce document no idempotency header in their API documentation (listed in
// modules/sandbox/SETTINGS.md, vendorIdempotency): by default a repeated POST creates a second record.
describe("vendorIdempotency false (default): the vendors document no Idempotency-Key, a repeat is a second record", () => {
    it("RLM: a repeated lead create creates a second lead, a repeated note a second note", async () => {
        const first = await post("/rlm/api/rlm-override-x/leads", { lead: RLM_LEAD }, key("L1:RLM:create"));
        const again = await post("/rlm/api/rlm-override-x/leads", { lead: RLM_LEAD }, key("L1:RLM:create"));
        expect(again.headers.get("idempotent-replayed")).toBeNull();
        const Created = z.object({ lead_uuid: z.string(), lead_id: z.number() });
        const a = Created.parse(await first.json());
        const b = Created.parse(await again.json());
        expect(b.lead_id).not.toBe(a.lead_id);
        const note = { lead_uuid: a.lead_uuid, sender_phone: "+1", sender_name: "Jane", message: "m", date: "d" };
        await post("/rlm/api/note_from_sms", note, key("L1:RLM:SM1"));
        await post("/rlm/api/note_from_sms", note, key("L1:RLM:SM1"));
        const leads = await records("rlm");
        expect(leads.map((l) => [l.idempotencyKey, l.replays])).toEqual([
            ["L1:RLM:create", 0],
            ["L1:RLM:create", 0],
        ]);
        expect(leads[0]).toMatchObject({ notes: [{ idempotencyKey: "L1:RLM:SM1" }, { idempotencyKey: "L1:RLM:SM1" }] });
    });

    it("DHQ: a repeated inquiry creates a second lead, a repeated comment a second comment", async () => {
        const path = `/dhq/retailer/rest/${RETAILER}/store_inquiries`;
        const Lead = z.object({ data: z.object({ lead: z.object({ id: z.string() }) }) });
        const first = Lead.parse(await (await post(path, INQUIRY, { ...DHQ_AUTH, ...key("L1:DHQ:create") })).json());
        const again = Lead.parse(await (await post(path, INQUIRY, { ...DHQ_AUTH, ...key("L1:DHQ:create") })).json());
        expect(again.data.lead.id).not.toBe(first.data.lead.id);
        const commentPath = `/dhq/retailer/rest/leads/${first.data.lead.id}/comments`;
        const comment = { comment: { body: "hi", author_id: 262 } };
        await post(commentPath, comment, { ...DHQ_AUTH, ...key("L1:DHQ:SM1") });
        await post(commentPath, comment, { ...DHQ_AUTH, ...key("L1:DHQ:SM1") });
        const leads = await records("dhq");
        expect(leads).toHaveLength(2);
        expect(leads[0]).toMatchObject({ comments: [{ body: "hi" }, { body: "hi" }] });
    });

    it('ActOn: a repeated record post adds a second record ("Add a Contact" documents no merge)', async () => {
        const bearer = { authorization: `Bearer ${await actOnToken()}` };
        const path = "/acton/api/1/list/l-0001/record";
        await post(path, CONTACT, { ...bearer, ...key("L1:ActOn:create") });
        await post(path, CONTACT, { ...bearer, ...key("L1:ActOn:create") });
        expect(await records("acton")).toMatchObject([
            { writes: 1, replays: 0 },
            { writes: 1, replays: 0 },
        ]);
    });

    it("FloorForce: a repeated post stores a second form", async () => {
        const path = "/floorforce/external/postactonformdata";
        const fields = { "First Name": "Ada", "Last Name": "Lovelace" };
        await postForm(path, fields, key("L1:FloorForce:create"));
        await postForm(path, fields, key("L1:FloorForce:create"));
        const forms = await records("floorforce");
        expect(forms.map((f) => [f.idempotencyKey, f.replays])).toEqual([
            ["L1:FloorForce:create", 0],
            ["L1:FloorForce:create", 0],
        ]);
    });

    it("turns on and off at runtime through PUT /__sandbox/settings", async () => {
        const path = "/floorforce/external/postactonformdata";
        const fields = { "First Name": "Ada", "Last Name": "Lovelace" };
        const put = (body: unknown) =>
            sb.fetch(
                new Request(`${BASE}/__sandbox/settings`, {
                    method: "PUT",
                    headers: { "content-type": "application/json" },
                    body: JSON.stringify(body),
                }),
            );
        expect((await put({ vendorIdempotency: true })).status).toBe(200);
        await postForm(path, fields, key("k"));
        await postForm(path, fields, key("k"));
        expect(await records("floorforce")).toHaveLength(1);
        await put({ vendorIdempotency: false });
        await postForm(path, fields, key("k"));
        expect(await records("floorforce")).toHaveLength(2);
    });
});

describe("vendorIdempotency true: Idempotency-Key honoured (a setting, not documented vendor behaviour)", () => {
    beforeEach(() => {
        sb.settings.update({ vendorIdempotency: true });
    });

    it("RLM: a repeated lead create answers the first lead and creates none; notes likewise", async () => {
        const first = await post("/rlm/api/rlm-override-x/leads", { lead: RLM_LEAD }, key("L1:RLM:create"));
        const again = await post("/rlm/api/rlm-override-x/leads", { lead: RLM_LEAD }, key("L1:RLM:create"));
        const raw = await first.json();
        expect(await again.json()).toEqual(raw);
        const firstBody = z.object({ lead_uuid: z.string(), lead_id: z.number() }).parse(raw);
        expect(again.headers.get("idempotent-replayed")).toBe("true");
        expect(first.headers.get("idempotent-replayed")).toBeNull();

        const note = {
            lead_uuid: firstBody.lead_uuid,
            sender_phone: "+1",
            sender_name: "Jane",
            message: "m",
            date: "d",
        };
        await post("/rlm/api/note_from_sms", note, key("L1:RLM:SM1"));
        await post("/rlm/api/note_from_sms", note, key("L1:RLM:SM1"));
        await post("/rlm/api/note_from_sms", note, key("L1:RLM:SM2"));

        const leads = await records("rlm");
        expect(leads).toHaveLength(1);
        expect(leads[0]).toMatchObject({
            lead_id: firstBody.lead_id,
            idempotencyKey: "L1:RLM:create",
            replays: 1,
            lead: { first_name: "Jane" },
            notes: [
                { idempotencyKey: "L1:RLM:SM1", replays: 1, sender_name: "Jane" },
                { idempotencyKey: "L1:RLM:SM2", replays: 0 },
            ],
        });
        expect(sb.recorder.list({ service: "rlm" })).toHaveLength(5);
    });

    it("RLM: an Error result is not kept, so the key can create once the request is right", async () => {
        const bad = await post("/rlm/api/rlm-override-x/leads", { lead: { ...RLM_LEAD, phone: "" } }, key("K"));
        expect(await bad.json()).toMatchObject({ result: "Error" });
        const good = await post("/rlm/api/rlm-override-x/leads", { lead: RLM_LEAD }, key("K"));
        expect(await good.json()).toMatchObject({ result: "Success" });
        expect(await records("rlm")).toHaveLength(1);
    });

    it("DHQ: repeated inquiry and comment keys create one lead and one comment", async () => {
        const path = `/dhq/retailer/rest/${RETAILER}/store_inquiries`;
        const first = await post(path, INQUIRY, { ...DHQ_AUTH, ...key("L1:DHQ:create") });
        const again = await post(path, INQUIRY, { ...DHQ_AUTH, ...key("L1:DHQ:create") });
        const body = await first.json();
        expect(await again.json()).toEqual(body);
        const leadId = z.object({ data: z.object({ lead: z.object({ id: z.string() }) }) }).parse(body).data.lead.id;
        const comment = { comment: { body: "**| Dealer**\n\nhi", author_id: 262 } };
        const commentPath = `/dhq/retailer/rest/leads/${leadId}/comments`;
        expect((await post(commentPath, comment, { ...DHQ_AUTH, ...key("L1:DHQ:SM1") })).status).toBe(201);
        expect((await post(commentPath, comment, { ...DHQ_AUTH, ...key("L1:DHQ:SM1") })).status).toBe(201);
        expect(await records("dhq")).toMatchObject([
            {
                id: leadId,
                retailerId: RETAILER,
                idempotencyKey: "L1:DHQ:create",
                replays: 1,
                inquiry: { inquiry: { external_id: "lead-1" } },
                comments: [{ body: "**| Dealer**\n\nhi", author_id: 262, replays: 1 }],
            },
        ]);
    });

    it("ActOn: a repeated key writes once; a 401 is not kept, so the retry with a fresh token writes", async () => {
        const path = "/acton/api/1/list/l-0001/record";
        expect((await post(path, CONTACT, { authorization: "Bearer expired", ...key("L1:ActOn:create") })).status).toBe(
            401,
        );
        const bearer = { authorization: `Bearer ${await actOnToken()}` };
        const first = await post(path, CONTACT, { ...bearer, ...key("L1:ActOn:create") });
        const again = await post(path, CONTACT, { ...bearer, ...key("L1:ActOn:create") });
        expect(await again.json()).toEqual(await first.json());
        expect(await records("acton")).toMatchObject([
            { listId: "l-0001", email: "ada@example.com", writes: 1, idempotencyKeys: ["L1:ActOn:create"], replays: 1 },
        ]);
        // Another key is another write: POST adds a second record for the same e-mail.
        await post(path, CONTACT, { ...bearer, ...key("L2:ActOn:create") });
        expect(await records("acton")).toMatchObject([
            { writes: 1, replays: 1 },
            { writes: 1, replays: 0 },
        ]);
    });

    it("FloorForce: a repeated key stores one form; posts without a key each store one", async () => {
        const path = "/floorforce/external/postactonformdata";
        const fields = { "First Name": "Ada", "Last Name": "Lovelace" };
        await postForm(path, fields, key("L1:FloorForce:create"));
        const again = await postForm(path, fields, key("L1:FloorForce:create"));
        expect(again.status).toBe(200);
        expect(again.headers.get("idempotent-replayed")).toBe("true");
        await postForm(path, fields);
        await postForm(path, fields);
        const forms = await records("floorforce");
        expect(forms.map((f) => [f.idempotencyKey, f.replays])).toEqual([
            ["L1:FloorForce:create", 1],
            [undefined, 0],
            [undefined, 0],
        ]);
        expect(forms[0]).toMatchObject({ fields });
    });

    it("concurrent requests with one key run once", async () => {
        const path = "/floorforce/external/postactonformdata";
        const fields = { "First Name": "Ada", "Last Name": "Lovelace" };
        const answers = await Promise.all(Array.from({ length: 5 }, () => postForm(path, fields, key("same"))));
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
        expect(await records("floorforce")).toMatchObject([{ idempotencyKey: "same", replays: 4 }]);
    });

    it("a fault answered by the switch reaches no handler, so the key stays free", async () => {
        sb.faults.set({ service: "floorforce", status: 503, count: 1 });
        const path = "/floorforce/external/postactonformdata";
        const fields = { "First Name": "Ada", "Last Name": "Lovelace" };
        expect((await postForm(path, fields, key("k"))).status).toBe(503);
        expect((await postForm(path, fields, key("k"))).headers.get("idempotent-replayed")).toBeNull();
        expect(await records("floorforce")).toMatchObject([{ idempotencyKey: "k", replays: 0 }]);
    });
});
