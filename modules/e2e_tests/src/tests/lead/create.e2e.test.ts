import { describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { leadItem } from "../../support/dynamo";
import { actOnRequest, web2TextRequest } from "../../support/factories";
import { sharedClients } from "../../support/ingress-client";
import { leadInvocations } from "../../support/sandbox";
import { createLead, sharedTarget } from "../../support/web2text";

describe.concurrent("Lead create → status", () => {
    it("stores a WEB2TEXT lead in Restate state and in the DynamoDB projection", async () => {
        const id = crypto.randomUUID();
        const request = web2TextRequest({ Lead: { PhoneNumber: "(773) 555-0123" } });
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
                PhoneNumber: "+17735550123",
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
});
