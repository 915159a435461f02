import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { RlmClient, type RlmClientSettings } from "../../src/clients/rlm/rlm.client";
import type { RlmLead } from "../../src/clients/rlm/rlm.schemas";
import { LeadProcessorConfig } from "../../src/config";
import { type SandboxServer, startSandboxServer } from "./sandbox-server";
import { vendorFailure } from "./vendor-clients";

const LEAD: RlmLead = {
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

let sb: SandboxServer;
beforeAll(() => {
    sb = startSandboxServer();
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

const client = (over: Partial<RlmClientSettings> = {}) =>
    new RlmClient({
        baseUrl: `${sb.base}/rlm`,
        godApiKey: sb.env.RLM_GOD_API_KEY ?? "",
        godEmail: sb.env.RLM_GOD_EMAIL ?? "",
        timeoutMs: 2_000,
        ...over,
    });

describe("RlmClient against the sandbox", () => {
    it("creates a lead with the retailer key in the path and posts a note to it", async () => {
        const rlm = client();
        const created = await rlm.createLead("rlm-key-prairie-floors", LEAD, "L1:RLM:create");
        expect(created.leadId).toBeTypeOf("number");
        expect(created.leadUuid).toMatch(/^[0-9a-f-]{36}$/);
        await rlm.postNote(
            {
                lead_uuid: created.leadUuid ?? "",
                sender_phone: "+13125550199",
                sender_name: "Jane Public",
                message: "\n\nHello",
                date: "2026-03-03T10:00:00.000Z",
            },
            "L1:RLM:SM1",
        );
        const calls = sb.calls("rlm");
        expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
            "POST /rlm/api/rlm-key-prairie-floors/leads",
            "POST /rlm/api/note_from_sms",
        ]);
        expect(calls[0]?.body).toEqual({ lead: LEAD });
        expect(calls.map((c) => c.headers["idempotency-key"])).toEqual(["L1:RLM:create", "L1:RLM:SM1"]);
    });

    it("a repeated key answers the first lead at a vendor that honours it: no second lead, no second note", async () => {
        await sb.honourIdempotencyKeys();
        const rlm = client();
        const first = await rlm.createLead("rlm-key-prairie-floors", LEAD, "L2:RLM:create");
        expect(await rlm.createLead("rlm-key-prairie-floors", LEAD, "L2:RLM:create")).toEqual(first);
        const note = {
            lead_uuid: first.leadUuid ?? "",
            sender_phone: "",
            sender_name: "Dealer",
            message: "x",
            date: "d",
        };
        await rlm.postNote(note, "L2:RLM:SM1");
        await rlm.postNote(note, "L2:RLM:SM1");
        const records = await sb.records(
            "rlm",
            z.array(z.object({ lead_uuid: z.string(), notes: z.array(z.unknown()) })),
        );
        expect(records.filter((r) => r.lead_uuid === first.leadUuid).map((r) => r.notes.length)).toEqual([1]);
    });

    it("is built from the lead processor's settings", async () => {
        const config = LeadProcessorConfig.parse(sb.env);
        const created = await RlmClient.fromConfig(config).createLead("rlm-override-demo", LEAD, "k-config");
        expect(created.leadId).toBeGreaterThan(0);
    });

    it("fails as rejected (4xx) for an unknown retailer key", async () => {
        const error = await vendorFailure(client().createLead("not-a-key", LEAD, "k-401"));
        expect(error.kind).toBe("rejected");
        expect(error.status).toBe(401);
        expect(error.retryable).toBe(false);
    });

    it("turns an Error result into a rejected failure naming RLM's messages", async () => {
        const error = await vendorFailure(
            client().createLead("rlm-key-prairie-floors", { ...LEAD, first_name: "" }, "k-error"),
        );
        expect(error.kind).toBe("rejected");
        expect(error.message).toContain("lead was not created: Error");
        expect(error.message).toContain("first_name");
    });

    it("fails as rejected when a note names an unknown lead", async () => {
        const note = {
            lead_uuid: crypto.randomUUID(),
            sender_phone: "",
            sender_name: "Dealer",
            message: "x",
            date: "d",
        };
        const error = await vendorFailure(client().postNote(note, "k-note"));
        expect(error).toMatchObject({ kind: "rejected", status: 404 });
    });

    it("reads the location mapping with the god headers and caches it for one hour", async () => {
        let now = 1_000_000;
        const rlm = client({ now: () => now });
        const rows = await rlm.locationMappings();
        expect(rows.find((r) => r.dhq_store_id === "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01")?.location_name).toBe(
            "Prairie Floors Chicago",
        );
        now += 59 * 60 * 1000;
        await rlm.locationMappings();
        expect(sb.calls("rlm")).toHaveLength(1);
        expect(sb.calls("rlm")[0]?.headers).toMatchObject({
            "x-api-key": sb.env.RLM_GOD_API_KEY,
            "x-user-email": sb.env.RLM_GOD_EMAIL,
        });
        now += 2 * 60 * 1000;
        await rlm.locationMappings();
        expect(sb.calls("rlm")).toHaveLength(2);
    });

    it("does not cache a failed mapping read", async () => {
        const rlm = client();
        await sb.fault({ service: "rlm", status: 503, count: 1 });
        expect((await vendorFailure(rlm.locationMappings())).kind).toBe("unavailable");
        expect((await rlm.locationMappings()).length).toBeGreaterThan(0);
        expect(sb.calls("rlm")).toHaveLength(2);
    });

    it("refuses the mapping to wrong credentials", async () => {
        const error = await vendorFailure(client({ godApiKey: "wrong" }).locationMappings());
        expect(error).toMatchObject({ kind: "rejected", status: 401 });
    });
});
