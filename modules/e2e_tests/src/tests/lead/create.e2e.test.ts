import { describe, expect, it } from "vitest";
import { call, eventually } from "../../support/api";
import { leadItem } from "../../support/dynamo";
import { actOnRequest, customerPhone, web2TextRequest } from "../../support/factories";
import { sharedClients } from "../../support/ingress-client";
import { leadInvocations } from "../../support/sandbox";
import { createLead, sharedTarget } from "../../support/web2text";

describe.concurrent("Lead create → status", () => {
    it("stores a WEB2TEXT lead in Restate state and in the DynamoDB projection", async () => {
        const id = crypto.randomUUID();
        const phone = customerPhone();
        // Sent in national format; stored in E.164.
        const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
        const request = web2TextRequest({ Lead: { PhoneNumber: national } });
        const lead = sharedClients().lead(id);
        const created = await lead.create(request);
        expect(await leadInvocations(id, "sync")).toEqual([]);
        expect(created).toMatchObject({
            LeadId: id,
            LeadType: "WEB2TEXT",
            Status: "ACTIVE",
            SchemaVersion: "2.0.0",
            UniversalRetailerId: request.UniversalRetailerId,
            Integrations: {},
            Lead: {
                PhoneNumber: phone,
                LocationId: request.Lead.LocationId,
                PreferredMethodOfContact: "text",
            },
        });
        expect(await lead.status(undefined)).toEqual(created);
        expect(await leadItem(id)).toEqual(created);
    });

    it("stores an ACTON lead, keeping unknown form fields", async () => {
        const id = crypto.randomUUID();
        const request = actOnRequest({ Lead: { "custom-field": "kept" } });
        const lead = sharedClients().lead(id);
        const created = await lead.create(request);
        expect(created).toMatchObject({ LeadId: id, LeadType: "ACTON", Status: "ACTIVE", Lead: request.Lead });
        expect(await lead.status(undefined)).toEqual(created);
        expect(await leadItem(id)).toMatchObject({ LeadId: id, Status: "ACTIVE", Lead: { "custom-field": "kept" } });
    });

    it("syncs right after create by default (SyncImmediately absent)", async () => {
        const id = crypto.randomUUID();
        const { SyncImmediately: _, ...request } = actOnRequest();
        await createLead(sharedTarget(), request, id);
        await eventually("the one-way sync to complete", async () =>
            (await leadInvocations(id, "sync")).includes("completed") ? true : undefined,
        );
        expect(await leadItem(id)).toMatchObject({ Status: "ACTIVE" });
    });

    it("answers a create retried with the same idempotency-key with the first result, and 409 without one", async () => {
        const id = crypto.randomUUID();
        const request = actOnRequest({ SyncImmediately: true });
        const headers = { "idempotency-key": `create-${id}` };
        const first = await call(`/Lead/${id}/create`, { body: request, headers });
        const retried = await call(`/Lead/${id}/create`, { body: request, headers });
        expect(first.status, first.text).toBe(200);
        expect(retried.status, retried.text).toBe(200);
        expect(retried.body).toEqual(first.body);
        // The create ran once: one create invocation, and one sync it sent.
        expect(await leadInvocations(id, "create")).toEqual(["completed"]);
        await eventually("the one sync to complete", async () =>
            (await leadInvocations(id, "sync")).includes("completed") ? true : undefined,
        );
        expect(await leadInvocations(id, "sync")).toEqual(["completed"]);
        expect(await leadItem(id)).toMatchObject({ LeadId: id, Status: "ACTIVE" });

        const unkeyed = crypto.randomUUID();
        expect((await call(`/Lead/${unkeyed}/create`, { body: request })).status).toBe(200);
        const again = await call<{ message: string }>(`/Lead/${unkeyed}/create`, { body: request });
        expect(again.status).toBe(409);
        expect(again.body.message).toBe(`Lead ID '${unkeyed}' doesn't exist or is in incorrect status 'ACTIVE'`);
    });
});
