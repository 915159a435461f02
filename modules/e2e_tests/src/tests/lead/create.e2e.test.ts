import { describe, expect, it } from "vitest";
import { call, eventually } from "../../support/api";
import { leadItem } from "../../support/dynamo";
import { actOnRequest, web2TextRequest } from "../../support/factories";
import { leadInvocations } from "../../support/sandbox";

describe.concurrent("Lead create → status", () => {
    it("stores a WEB2TEXT lead in Restate state and in the DynamoDB projection", async () => {
        const id = crypto.randomUUID();
        const request = web2TextRequest({ Lead: { PhoneNumber: "(773) 555-0123" } });
        const created = await call(`/Lead/${id}/create`, { body: request });
        expect(created.status, created.text).toBe(200);
        expect(await leadInvocations(id, "sync")).toEqual([]);
        expect(created.body).toMatchObject({
            LeadId: id,
            LeadType: "WEB2TEXT",
            Status: "ACTIVE",
            SchemaVersion: "2.0.0",
            UniversalRetailerId: request.UniversalRetailerId,
            Integrations: {},
            Lead: {
                PhoneNumber: "+17735550123",
                LocationId: request.Lead.LocationId,
                PreferredMethodOfContact: "text",
            },
        });
        const status = await call(`/Lead/${id}/status`, { method: "GET" });
        expect(status.status).toBe(200);
        expect(status.body).toEqual(created.body);
        expect(await leadItem(id)).toEqual(created.body);
    });

    it("stores an ACTON lead, keeping unknown form fields", async () => {
        const id = crypto.randomUUID();
        const request = actOnRequest({ Lead: { "custom-field": "kept" } });
        const created = await call(`/Lead/${id}/create`, { body: request });
        expect(created.status, created.text).toBe(200);
        expect(created.body).toMatchObject({ LeadId: id, LeadType: "ACTON", Status: "ACTIVE", Lead: request.Lead });
        expect((await call(`/Lead/${id}/status`, { method: "GET" })).body).toEqual(created.body);
        expect(await leadItem(id)).toMatchObject({ LeadId: id, Status: "ACTIVE", Lead: { "custom-field": "kept" } });
    });

    it("syncs right after create by default (SyncImmediately absent)", async () => {
        const id = crypto.randomUUID();
        const { SyncImmediately: _, ...request } = actOnRequest();
        expect((await call(`/Lead/${id}/create`, { body: request })).status).toBe(200);
        await eventually("the one-way sync to complete", async () =>
            (await leadInvocations(id, "sync")).includes("completed") ? true : undefined,
        );
        expect(await leadItem(id)).toMatchObject({ Status: "ACTIVE" });
    });
});
