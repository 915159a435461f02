import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const AUTH = { authorization: "Bearer sandbox-dhq-key" };
const RETAILER = "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01";
const post = (path: string, body: unknown, headers: Record<string, string> = AUTH) =>
    sb.fetch(
        new Request(`http://sandbox.test${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify(body),
        }),
    );

const INQUIRY = {
    occurred_at: "2026-03-03T10:00:00.000Z",
    universal_store_id: "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01",
    traffic: { source: "Other", medium: "Referral", campaign: "Web2Text" },
    inquiry: {
        contact_method: "cys_inquiry",
        email: "web2text+13125550199@broadlume.com",
        external_id: "lead-1",
        message: "Hello",
        name: "Jane Public",
        page_url: "https://prairie-floors.example",
        phone_number: "+13125550199",
    },
    custom_fields: [{ name: "Web2TextLeadID", value: "lead-1", displayable: false }],
};

describe("DealerHQ stand-in", () => {
    it("creates a DHQ lead per store inquiry and accepts comments on it", async () => {
        const res = await post(`/dhq/retailer/rest/${RETAILER}/store_inquiries`, INQUIRY);
        const body = z
            .object({ status: z.literal("success"), data: z.object({ lead: z.object({ id: z.string() }) }) })
            .parse(await res.json());
        const comment = await post(`/dhq/retailer/rest/leads/${body.data.lead.id}/comments`, {
            comment: { body: "**| Dealer**\n\nHi", author_id: 262 },
        });
        expect(comment.status).toBe(201);
        expect(await comment.json()).toMatchObject({ status: "success" });
    });

    it("checks the bearer key, the body and the lead", async () => {
        expect((await post(`/dhq/retailer/rest/${RETAILER}/store_inquiries`, INQUIRY, {})).status).toBe(401);
        const bad = await post(`/dhq/retailer/rest/${RETAILER}/store_inquiries`, { ...INQUIRY, inquiry: {} });
        expect(bad.status).toBe(422);
        expect(await bad.json()).toMatchObject({ status: "failure", errors: expect.any(Array) });
        const orphan = await post("/dhq/retailer/rest/leads/1/comments", { comment: { body: "x", author_id: 262 } });
        expect(orphan.status).toBe(404);
    });

    it("records calls as service dhq and obeys the fault switch", async () => {
        sb.faults.set({ service: "dhq", status: 429, count: 1, retryAfter: 3 });
        const limited = await post(`/dhq/retailer/rest/${RETAILER}/store_inquiries`, INQUIRY);
        expect(limited.status).toBe(429);
        expect(limited.headers.get("retry-after")).toBe("3");
        expect(sb.recorder.list({ service: "dhq" })).toHaveLength(1);
    });
});
