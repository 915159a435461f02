import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { DhqClient } from "../../src/clients/dhq/dhq.client";
import type { DhqStoreInquiry } from "../../src/clients/dhq/dhq.schemas";
import { type SandboxServer, startSandboxServer } from "./sandbox-server";
import { vendorClients, vendorFailure } from "./vendor-clients";

const RETAILER = "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01";
const INQUIRY: DhqStoreInquiry = {
    occurred_at: "2026-03-03T10:00:00.000Z",
    store_address: "100 W Randolph St",
    universal_store_id: "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01",
    traffic: { source: "Other", medium: "Referral", campaign: "Web2Text" },
    inquiry: {
        contact_method: "cys_inquiry",
        email: "web2text+13125550199@broadlume.com",
        external_id: "0b8f6f1e-1111-4a2b-8c3d-000000000001",
        message: "Do you have oak?",
        name: "Jane Public",
        page_url: "https://prairie-floors.example/oak",
        phone_number: "+13125550199",
    },
    custom_fields: [{ name: "Web2TextLeadID", value: "0b8f6f1e-1111-4a2b-8c3d-000000000001", displayable: false }],
};

let sb: SandboxServer;
let clients: ReturnType<typeof vendorClients>;
beforeAll(() => {
    sb = startSandboxServer();
    clients = vendorClients(sb);
});
afterAll(() => sb.stop());
beforeEach(() => sb.reset());

describe("DhqClient against the sandbox", () => {
    it("submits a store inquiry with the bearer key and comments on the lead it created", async () => {
        const { leadId } = await clients.dhq.submitInquiry(RETAILER, INQUIRY, "L1:DHQ:create");
        expect(leadId).toMatch(/^\d+$/);
        await clients.dhq.postComment(leadId, { body: "**| Dealer**\n\nHi", author_id: 262 }, "L1:DHQ:SM1");
        const calls = sb.calls("dhq");
        expect(calls.map((c) => c.path)).toEqual([
            `/dhq/retailer/rest/${RETAILER}/store_inquiries`,
            `/dhq/retailer/rest/leads/${leadId}/comments`,
        ]);
        expect(calls[0]?.headers.authorization).toBe(`Bearer ${sb.env.DHQ_API_KEY}`);
        expect(calls[1]?.body).toEqual({ comment: { body: "**| Dealer**\n\nHi", author_id: 262 } });
        expect(calls.map((c) => c.headers["idempotency-key"])).toEqual(["L1:DHQ:create", "L1:DHQ:SM1"]);
    });

    it("a repeated key answers the first inquiry's lead at a vendor that honours it: no second lead or comment", async () => {
        await sb.honourIdempotencyKeys();
        const first = await clients.dhq.submitInquiry(RETAILER, INQUIRY, "L2:DHQ:create");
        expect(await clients.dhq.submitInquiry(RETAILER, INQUIRY, "L2:DHQ:create")).toEqual(first);
        const comment = { body: "**| Dealer**\n\nHi", author_id: 262 };
        await clients.dhq.postComment(first.leadId, comment, "L2:DHQ:SM1");
        await clients.dhq.postComment(first.leadId, comment, "L2:DHQ:SM1");
        const records = await sb.records("dhq", z.array(z.object({ id: z.string(), comments: z.array(z.unknown()) })));
        expect(records.filter((r) => r.id === first.leadId).map((r) => r.comments.length)).toEqual([1]);
    });

    it("fails as rejected with a wrong key", async () => {
        const dhq = new DhqClient({ baseUrl: `${sb.base}/dhq`, apiKey: "wrong" });
        expect(await vendorFailure(dhq.submitInquiry(RETAILER, INQUIRY, "k-wrong"))).toMatchObject({
            kind: "rejected",
            status: 401,
        });
    });

    it("fails as rejected when DealerHQ answers a failure status", async () => {
        const bad = { ...INQUIRY, inquiry: { ...INQUIRY.inquiry, email: "not-an-email" } };
        const error = await vendorFailure(clients.dhq.submitInquiry(RETAILER, bad, "k-bad"));
        expect(error).toMatchObject({ kind: "rejected", status: 422 });
        expect(error.body).toContain("failure");
    });

    it("fails as rejected when commenting on an unknown lead", async () => {
        const error = await vendorFailure(clients.dhq.postComment("999", { body: "x", author_id: 262 }, "k-999"));
        expect(error).toMatchObject({ kind: "rejected", status: 404 });
    });
});
