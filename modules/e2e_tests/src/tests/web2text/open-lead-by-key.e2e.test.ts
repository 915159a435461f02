/**
 * The open-lead lookup by key (`OpenLeads/{key}/openLead`): the index object answers a website in one invocation,
 * with the API-key check made from memory, so nothing is journaled but the state read and the answer. The key
 * names the customer by the SHA-256 of the phone, never the number, and the body's phone must match it. Checked
 * against the body form (`LeadLookup/openLead`) in Restate's invocation and journal tables, and for every way a
 * caller can get it wrong: another key for the customer (the 400 names the key to use), a malformed key, a bad
 * body, missing or insufficient credentials. A key stored a moment before its first lookup works within seconds.
 */

import { describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { seedApiKey } from "../../support/dynamo";
import { OpenLeadAnswer, openLeadKeyAt, openLeadPath, openLeadQuery } from "../../support/open-leads";
import { sqlString } from "../../support/restate-sql";
import { journalNames, restateSql } from "../../support/sandbox";
import * as w2t from "../../support/web2text";

const t = () => w2t.sharedTarget();

/** Every invocation of `OpenLeads/{key}/openLead`: who invoked it, and the names in its journal. */
async function indexLookupsOf(key: string) {
    const rows = await restateSql(
        `SELECT id, invoked_by, invoked_by_service_name FROM sys_invocation WHERE target_service_name = 'OpenLeads' AND target_service_key = ${sqlString(key)} AND target_handler_name = 'openLead' ORDER BY created_at`,
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
        expect(key).not.toContain(phone.slice(2));
        const leadId = await w2t.createLead(t(), w2t.web2TextLead("chicago", phone));
        // The index learns of the lead by a one-way send a moment after the create answers.
        await eventually("the index to hold the lead", async () => {
            const held = await restateSql(
                `SELECT service_key FROM state WHERE service_name = 'OpenLeads' AND service_key = ${sqlString(key)}`,
            );
            return held.length > 0 ? true : undefined;
        });

        const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
        const byKey = await w2t.ingress(t(), openLeadPath(key), { body: { CustomerPhone: national } });
        expect(byKey.status).toBe(200);
        expect(OpenLeadAnswer.parse(byKey.body).OpenLead?.LeadId).toBe(leadId);
        expect(await indexLookupsOf(key)).toEqual([{ by: "ingress", journal: [] }]);

        const byBody = await w2t.ingress(t(), "/LeadLookup/openLead", { body: openLeadQuery("chicago", phone) });
        expect(byBody.body).toEqual(byKey.body);
        expect(await indexLookupsOf(key)).toEqual([
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

    it("refuses another key for the customer with the key to use, a malformed key or a bad body, and stores nothing", async () => {
        const phone = w2t.uniquePhone();
        const key = openLeadKeyAt("chicago", phone);
        const [retailer, location, ref] = key.split("|");
        const body = { CustomerPhone: phone };
        const others = [
            `${retailer?.toUpperCase()}|${location}|${ref}`,
            `${retailer}|${location}|${phone}`,
            `${retailer}|${location}|${openLeadKeyAt("chicago", w2t.uniquePhone()).split("|")[2]}`,
            `${retailer}|${location}`,
        ];
        for (const given of others) {
            const answer = await w2t.ingress(t(), openLeadPath(given), { body });
            expect(answer.status, given).toBe(400);
            expect(answer.text).toContain(`Use the key '${key}' for this customer`);
        }
        const malformed = [`not-a-retailer|${location}|${ref}`, `${ref}`, " "];
        for (const given of malformed) {
            const answer = await w2t.ingress(t(), openLeadPath(given), { body });
            expect(answer.status, given).toBe(400);
            expect(answer.text).toContain("The key must be <RetailerId>|<LocationId>|<SHA-256 of");
        }
        const noBody = await w2t.ingress(t(), openLeadPath(key));
        expect(noBody.status).toBe(400);
        expect(noBody.text).toContain("Request could not be parsed");
        const badPhone = await w2t.ingress(t(), openLeadPath(key), { body: { CustomerPhone: "12" } });
        expect(badPhone.status).toBe(400);
        expect(badPhone.text).toContain("CustomerPhone: is not a valid phone number");
        const extra = await w2t.ingress(t(), openLeadPath(key), { body: { ...openLeadQuery("chicago", phone) } });
        expect(extra.status).toBe(400);
        expect(extra.text).toContain("RetailerId");

        const stored = await restateSql(
            `SELECT service_key FROM state WHERE service_name = 'OpenLeads' AND service_key IN (${[key, ...others, ...malformed].map(sqlString).join(", ")})`,
        );
        expect(stored).toEqual([]);
        expect(await w2t.ingress(t(), openLeadPath(key), { body })).toMatchObject({
            status: 200,
            body: { OpenLead: null },
        });
    });

    it("answers 401 without a key or with one not authorized for Lead/openLead; a key stored a moment ago works within seconds", async () => {
        const phone = w2t.uniquePhone();
        const path = openLeadPath(openLeadKeyAt("chicago", phone));
        const body = { CustomerPhone: phone };
        const none = await w2t.ingress(t(), path, { auth: null, body });
        expect(none.status).toBe(401);
        expect(none.text).toContain("Must pass authorization header with valid API key");
        const narrow = await seedApiKey(["Lead/create", "Lead/status"]);
        // A key stored a moment ago is unknown until the directory's next read (started by that first refusal).
        await eventually("the new key to be read", async () => {
            const refused = await w2t.ingress(t(), path, { auth: `Bearer ${narrow}`, body });
            expect(refused.status).toBe(401);
            expect(refused.text).toContain("API Key does not have authorization for 'Lead/openLead'");
            return true;
        });
        const inactive = await seedApiKey(["Lead/openLead"], { Active: false });
        expect((await w2t.ingress(t(), path, { auth: `Bearer ${inactive}`, body })).status).toBe(401);

        const fresh = await seedApiKey(["Lead/openLead"]);
        const found = await eventually("the new key to pass", async () => {
            const answer = await w2t.ingress(t(), path, { auth: `Bearer ${fresh.toUpperCase()}`, body });
            return answer.status === 200 ? answer : undefined;
        });
        expect(found.body).toEqual({ OpenLead: null });
    });
});
