/**
 * The open-lead lookup by key (`OpenLeads/{key}/openLead`): the index object answers a website in one invocation,
 * with the API-key check made from memory, so nothing is journaled but the state read and the answer. Checked
 * against the body form (`LeadLookup/openLead`) in Restate's invocation and journal tables, and for every way a
 * caller can get it wrong: a key in another spelling (the 400 names the key to use), a malformed key, a body,
 * missing or insufficient credentials. A key stored a moment before its first lookup is found.
 */

import { describe, expect, it } from "vitest";
import { seedApiKey } from "../../support/dynamo";
import { OpenLeadAnswer, openLeadKeyAt, openLeadPath, openLeadQuery } from "../../support/open-leads";
import { journalNames, restateSql } from "../../support/sandbox";
import * as w2t from "../../support/web2text";

const t = () => w2t.sharedTarget();
const sql = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Every invocation of `OpenLeads/{key}/openLead`: who invoked it, and the names in its journal. */
async function indexLookupsOf(key: string) {
    const rows = await restateSql(
        `SELECT id, invoked_by, invoked_by_service_name FROM sys_invocation WHERE target_service_name = 'OpenLeads' AND target_service_key = ${sql(key)} AND target_handler_name = 'openLead' ORDER BY created_at`,
    );
    return Promise.all(
        rows.map(async (row) => ({
            by: String(row.invoked_by_service_name ?? row.invoked_by),
            journal: await journalNames(t().admin, String(row.id)),
        })),
    );
}

describe.concurrent("Web2Text open-lead lookup by key", w2t.WEB2TEXT_TEST_TIMEOUT, () => {
    it("answers like the body form, in one invocation with no journaled step; the body form adds a key check and a call", async () => {
        const phone = w2t.uniquePhone();
        const key = openLeadKeyAt("chicago", phone);
        const leadId = await w2t.createLead(t(), w2t.web2TextLead("chicago", phone));

        const byKey = await w2t.ingress(t(), openLeadPath(key));
        expect(byKey.status).toBe(200);
        const answer = OpenLeadAnswer.parse(byKey.body);
        expect(answer.OpenLead?.LeadId).toBe(leadId);
        expect(await indexLookupsOf(key)).toEqual([{ by: "ingress", journal: [] }]);

        const byBody = await w2t.ingress(t(), "/LeadLookup/openLead", { body: openLeadQuery("chicago", phone) });
        expect(byBody.body).toEqual(byKey.body);
        const lookups = await indexLookupsOf(key);
        expect(lookups).toEqual([
            { by: "ingress", journal: [] },
            { by: "LeadLookup", journal: [] },
        ]);
        const bodyForms = await restateSql(
            `SELECT id FROM sys_invocation WHERE target_service_name = 'LeadLookup' AND target_handler_name = 'openLead' ORDER BY created_at DESC LIMIT 20`,
        );
        const journals = await Promise.all(bodyForms.map((row) => journalNames(t().admin, String(row.id))));
        // The body form's own journal: its API-key step (the call to the index above carries no name).
        expect(journals).toContainEqual(["Verify API Key"]);
        await w2t.closeLead(t(), leadId, "Test finished");
    });

    it("refuses a key in another spelling with the key to use, a malformed key or a body, and stores nothing", async () => {
        const phone = w2t.uniquePhone();
        const key = openLeadKeyAt("chicago", phone);
        const { RetailerId, LocationId } = openLeadQuery("chicago", phone);
        const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
        const respelled = [
            `${RetailerId.toUpperCase()}|${LocationId.toLowerCase()}|${phone}`,
            `${RetailerId.toLowerCase()}|${LocationId.toLowerCase()}|${national}`,
            `${RetailerId.toLowerCase()}|${LocationId.toLowerCase()}|${phone.slice(2)}`,
        ];
        for (const given of respelled) {
            const answer = await w2t.ingress(t(), openLeadPath(given));
            expect(answer.status, given).toBe(400);
            expect(answer.text).toContain(`Use the key '${key}'`);
        }
        const malformed = [`${RetailerId}|${phone}`, `not-a-retailer|${LocationId}|${phone}`, `${key}|more`, " "];
        for (const given of malformed) {
            const answer = await w2t.ingress(t(), openLeadPath(given));
            expect(answer.status, given).toBe(400);
            expect(answer.text).toContain("The key must be <RetailerId>|<LocationId>|<customer phone in E.164>");
        }
        const withBody = await w2t.ingress(t(), openLeadPath(key), { body: openLeadQuery("chicago", phone) });
        expect(withBody.status).toBe(400);
        expect(withBody.text).toContain("CustomerPhone");

        const stored = await restateSql(
            `SELECT service_key FROM state WHERE service_name = 'OpenLeads' AND service_key IN (${[key, ...respelled, ...malformed].map(sql).join(", ")})`,
        );
        expect(stored).toEqual([]);
        expect(await w2t.ingress(t(), openLeadPath(key), { body: {} })).toMatchObject({
            status: 200,
            body: { OpenLead: null },
        });
    });

    it("answers 401 without a key or with one not authorized for Lead/openLead; a key stored a moment ago is found", async () => {
        const key = openLeadKeyAt("chicago", w2t.uniquePhone());
        const none = await w2t.ingress(t(), openLeadPath(key), { auth: null });
        expect(none.status).toBe(401);
        expect(none.text).toContain("Must pass authorization header with valid API key");
        const narrow = await seedApiKey(["Lead/create", "Lead/status"]);
        const refused = await w2t.ingress(t(), openLeadPath(key), { auth: `Bearer ${narrow}` });
        expect(refused.status).toBe(401);
        expect(refused.text).toContain("API Key does not have authorization for 'Lead/openLead'");
        const inactive = await seedApiKey(["Lead/openLead"], { Active: false });
        expect((await w2t.ingress(t(), openLeadPath(key), { auth: `Bearer ${inactive}` })).status).toBe(401);

        const fresh = await seedApiKey(["Lead/openLead"]);
        const found = await w2t.ingress(t(), openLeadPath(key), { auth: `Bearer ${fresh.toUpperCase()}` });
        expect(found).toMatchObject({ status: 200, body: { OpenLead: null } });
    });
});
