import { describe, expect, it } from "vitest";
import { leadItem } from "../../support/dynamo";
import { actOnRequest } from "../../support/factories";
import { INTEGRATIONS, syncLead, waitUntilSynced } from "../../support/leads";
import { vendors } from "../../support/vendors";
import { createLead, leadState, sharedTarget } from "../../support/web2text";

describe("ACTON lead → ActOn and FloorForce (shared stack)", () => {
    it("reaches ActOn (the lead's list) and FloorForce exactly once, with the reference's payloads", async () => {
        const id = crypto.randomUUID();
        const listId = `l-e2e-${id.slice(0, 8)}`;
        const request = actOnRequest({
            SyncImmediately: true,
            Lead: { listId, "Home Phone": "+13125550100", notes: "Call after 5 & ask about oak" },
        });
        const { listId: _list, ...contact } = request.Lead;
        const email = request.Lead["E-mail Address"];

        const t = sharedTarget();
        await createLead(t, request, id);
        const synced = await waitUntilSynced(t, id, INTEGRATIONS.ACTON);
        // A later sync of a synced ACTON lead posts nothing more.
        await syncLead(t, id);

        const acton = (await vendors().actOn()).filter((r) => r.email === email.toLowerCase());
        expect(acton).toEqual([
            expect.objectContaining({ listId, fields: contact, writes: 1, idempotencyKeys: [`${id}:ActOn:create`] }),
        ]);
        const actonPosts = (await vendors().calls("acton")).filter(
            (c) => c.path === `/acton/api/1/list/${listId}/record`,
        );
        expect(actonPosts).toHaveLength(1);
        expect(actonPosts[0]?.body).toEqual(contact);
        expect(actonPosts[0]?.headers).toMatchObject({
            authorization: expect.stringMatching(/^Bearer acton-/),
            "content-type": "application/json",
            "idempotency-key": `${id}:ActOn:create`,
        });

        const forms = (await vendors().floorForce()).filter((f) => f.fields["E-mail Address"] === email);
        expect(forms).toEqual([
            expect.objectContaining({ fields: request.Lead, idempotencyKey: `${id}:FloorForce:create`, replays: 0 }),
        ]);
        const formPosts = (await vendors().calls("floorforce")).filter(
            (c) => c.headers["idempotency-key"] === `${id}:FloorForce:create`,
        );
        expect(formPosts).toHaveLength(1);
        expect(formPosts[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");

        const record = acton[0];
        expect(synced.Integrations.ActOn).toMatchObject({
            SyncStatus: "SYNCED",
            Data: { ListId: listId, RecordId: record?.id, ContactId: record?.id },
            LastSynced: expect.any(String),
        });
        expect(synced.Integrations.FloorForce).toMatchObject({ SyncStatus: "SYNCED", LastSynced: expect.any(String) });
        expect(synced.Integrations.ActOn?.ErrorInfo).toBeUndefined();
        expect(await leadItem(id)).toMatchObject({ Status: "ACTIVE", Integrations: synced.Integrations });
    });

    it("passes a form's own fields of any JSON type on: as JSON to ActOn, as JSON text in FloorForce's form", async () => {
        const id = crypto.randomUUID();
        const extras = { visits: 3, optedIn: true, rooms: ["kitchen", "hall"], utm: { source: "ad" }, gone: null };
        const request = actOnRequest({
            SyncImmediately: true,
            Lead: { listId: `l-json-${id.slice(0, 8)}`, ...extras },
        });
        const email = request.Lead["E-mail Address"];

        const t = sharedTarget();
        await createLead(t, request, id);
        await waitUntilSynced(t, id, INTEGRATIONS.ACTON);
        expect((await leadState(t, id)).Lead).toMatchObject(extras);
        expect(await leadItem(id)).toMatchObject({ Lead: extras });

        const [record] = (await vendors().actOn()).filter((r) => r.email === email.toLowerCase());
        expect(record?.fields).toMatchObject(extras);
        const [form] = (await vendors().floorForce()).filter((f) => f.fields["E-mail Address"] === email);
        expect(form?.fields).toMatchObject({
            visits: "3",
            optedIn: "true",
            rooms: '["kitchen","hall"]',
            utm: '{"source":"ad"}',
            gone: "null",
        });
    });
});
