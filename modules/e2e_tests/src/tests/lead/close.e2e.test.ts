import { describe, expect, it } from "vitest";
import { call } from "../../support/api";
import { leadItem } from "../../support/dynamo";
import { actOnRequest, web2TextRequest } from "../../support/factories";
import { createLead, sharedTarget } from "../../support/web2text";

const created = (body: unknown = actOnRequest()) => createLead(sharedTarget(), body);
const close = (id: string, body?: unknown) => call<Record<string, unknown>>(`/Lead/${id}/close`, { body: body ?? {} });

describe.concurrent("Lead close", () => {
    it("closes with the given reason and projects it", async () => {
        const id = await created();
        const res = await close(id, { reason: "Bought elsewhere" });
        expect(res.status, res.text).toBe(200);
        expect(res.body).toMatchObject({ LeadId: id, Status: "CLOSED", CloseReason: "Bought elsewhere" });
        expect(await leadItem(id)).toMatchObject({ Status: "CLOSED", CloseReason: "Bought elsewhere" });
    });

    it("uses 'Not specified' without a reason, with or without a body", async () => {
        const withBody = await close(await created());
        expect(withBody.body).toMatchObject({ Status: "CLOSED", CloseReason: "Not specified" });
        const id = await created();
        const noBody = await call<Record<string, unknown>>(`/Lead/${id}/close`);
        expect(noBody.status, noBody.text).toBe(200);
        expect(noBody.body).toMatchObject({ Status: "CLOSED", CloseReason: "Not specified" });
    });

    it("keeps the first reason: closing a CLOSED lead is allowed and changes nothing", async () => {
        const id = await created();
        await close(id, { reason: "First" });
        const again = await close(id, { reason: "Second" });
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ Status: "CLOSED", CloseReason: "First" });
        expect((await call(`/Lead/${id}/status`, { method: "GET" })).body).toMatchObject({ CloseReason: "First" });
    });

    it("closes a synced WEB2TEXT lead; a closed lead can no longer sync", async () => {
        const id = await created(web2TextRequest());
        const synced = await call(`/Lead/${id}/sync`, { body: {} });
        expect(synced.status, synced.text).toBe(200);
        expect(synced.body).toMatchObject({ Status: "ACTIVE", Integrations: expect.any(Object) });
        const closed = await close(id, { reason: "Done" });
        expect(closed.body).toMatchObject({ LeadId: id, Status: "CLOSED", CloseReason: "Done" });
        const sync = await call<{ message: string }>(`/Lead/${id}/sync`, { body: {} });
        expect(sync.status).toBe(409);
        expect(sync.body.message).toBe(`Lead ID '${id}' doesn't exist or is in incorrect status 'CLOSED'`);
    });
});
