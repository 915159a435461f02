/**
 * The open-lead lookup and resubmits (spec, Web2Text edge case 1): a website asks `LeadLookup/openLead` (or
 * `OpenLeads/{key}/openLead`, see open-lead-by-key.e2e) whether the customer already has an open lead at the
 * store, and resubmits with `ReplaceOpenLead`, which closes that lead ("Replaced by lead <new id>") through the
 * usual close and opens the new one. Checked in Restate state,
 * the DynamoDB projection, the index's answer and the sandbox's Twilio, RLM and DealerHQ records.
 */

import type { SubmittedLead } from "lead-processor";
import { describe, expect, it } from "vitest";
import { leadItem, putLeadItem } from "../../support/dynamo";
import { expectOpenLead, openLeadAt, openLeadByKey, openLeadQuery } from "../../support/open-leads";
import { conversation, conversationsOfLead, inboxOf } from "../../support/twilio";
import { vendors } from "../../support/vendors";
import * as w2t from "../../support/web2text";

const t = () => w2t.sharedTarget();
/** `+13125550123` → `(312) 555-0123`: the lookup finds a lead whatever notation the website sends. */
const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
const closeNotices = async (at: "chicago" | "twin-oaks", sid: string) =>
    (await inboxOf(t(), w2t.store(at).web2TextNumber, sid)).filter((m) => m.body.includes("has expired"));
const dhqLeadOf = async (leadId: string) =>
    (await vendors().dhq()).filter((r) => r.inquiry.inquiry.external_id === leadId);

describe.concurrent("Web2Text open-lead lookup and resubmit", w2t.WEB2TEXT_TEST_TIMEOUT, () => {
    it("a second submission finds the first lead through the lookup; none after it closed", async () => {
        const phone = w2t.uniquePhone();
        expect(await openLeadAt(t(), "chicago", phone)).toBeNull();
        const first = await w2t.createLead(t(), w2t.web2TextLead("chicago", phone));
        const held = await w2t.leadState(t(), first);

        const open = { LeadId: first, DateSubmitted: held.DateSubmitted, Status: "ACTIVE" };
        expect(await expectOpenLead(t(), "chicago", national(phone), first)).toEqual(open);
        expect(await openLeadByKey(t(), "chicago", phone)).toEqual(open);
        // Another store of the same retailer, or another customer, has no open lead.
        expect(await openLeadAt(t(), "evanston", phone)).toBeNull();
        expect(await openLeadByKey(t(), "evanston", phone)).toBeNull();
        expect(await openLeadAt(t(), "chicago", w2t.uniquePhone())).toBeNull();

        await w2t.twilioSynced(t(), first);
        await w2t.closeLead(t(), first, "Test finished");
        await expectOpenLead(t(), "chicago", phone, null);
    });

    it("without ReplaceOpenLead a second lead joins the first one's thread and both stay open (unchanged)", async () => {
        const phone = w2t.uniquePhone();
        const first = await w2t.createLead(t(), w2t.web2TextLead("chicago", phone));
        const thread = await w2t.twilioSynced(t(), first);
        const second = await w2t.createLead(
            t(),
            w2t.web2TextLead("chicago", phone, { CustomerMessage: "Asking again" }),
        );
        expect((await w2t.twilioSynced(t(), second)).ConversationSID).toBe(thread.ConversationSID);
        expect((await w2t.leadState(t(), first)).Status).toBe("ACTIVE");
        await expectOpenLead(t(), "chicago", phone, second);

        await w2t.closeLead(t(), second, "Test finished");
        await expectOpenLead(t(), "chicago", phone, first);
        await w2t.closeLead(t(), first, "Test finished");
    });

    it("ReplaceOpenLead closes the open lead with the replacement reason and opens the new one in a new thread", async () => {
        const phone = w2t.uniquePhone();
        const first = await w2t.createLead(t(), w2t.web2TextLead("chicago", phone));
        const old = await w2t.twilioSynced(t(), first);
        const second = await w2t.createLead(t(), { ...w2t.web2TextLead("chicago", phone), ReplaceOpenLead: true });

        // The replacing create answers after the old lead's close: state and projection say CLOSED already.
        const reason = `Replaced by lead ${second}`;
        const closed = await w2t.leadState(t(), first);
        expect(closed).toMatchObject({ Status: "CLOSED", CloseReason: reason });
        expect(closed.Integrations).toMatchObject({
            Twilio: { SyncStatus: "CLOSED" },
            RLM: { SyncStatus: "CLOSED" },
            DHQ: { SyncStatus: "CLOSED" },
        });
        expect(await leadItem(first)).toMatchObject({ Status: "CLOSED", CloseReason: reason });
        // It was the thread's last lead: the thread closed and the store got one close notice naming the reason.
        expect((await conversation(t(), old.ConversationSID)).state).toBe("closed");
        const notices = await closeNotices("chicago", old.ConversationSID);
        expect(notices.map((m) => m.body.includes(`Reason: ${reason}`))).toEqual([true]);

        const renewed = await w2t.twilioSynced(t(), second);
        expect(renewed.ConversationSID).not.toBe(old.ConversationSID);
        expect(await conversation(t(), renewed.ConversationSID)).toMatchObject({
            state: "active",
            attributes: { LeadIds: [second] },
        });
        await w2t.leadWhen(t(), second, "is ACTIVE after its first sync", (lead) => lead.Status === "ACTIVE");
        await expectOpenLead(t(), "chicago", phone, second);
        // Each lead is its own record at DealerHQ; the old one's stays, the new one got its own.
        expect(await dhqLeadOf(first)).toHaveLength(1);
        expect(await dhqLeadOf(second)).toHaveLength(1);
        await w2t.closeLead(t(), second, "Test finished");
    });

    it("ReplaceOpenLead keeps a thread another lead still uses: the new lead joins it", async () => {
        const phone = w2t.uniquePhone();
        // Twin Oaks and Harbor share a store number: one thread holds the customer's leads at both.
        const atTwinOaks = await w2t.createLead(t(), w2t.web2TextLead("twin-oaks", phone));
        const thread = await w2t.twilioSynced(t(), atTwinOaks);
        const atHarbor = await w2t.createLead(t(), w2t.web2TextLead("harbor", phone));
        expect((await w2t.twilioSynced(t(), atHarbor)).ConversationSID).toBe(thread.ConversationSID);

        const again = await w2t.createLead(t(), { ...w2t.web2TextLead("twin-oaks", phone), ReplaceOpenLead: true });
        expect(await w2t.leadState(t(), atTwinOaks)).toMatchObject({
            Status: "CLOSED",
            CloseReason: `Replaced by lead ${again}`,
        });
        expect((await w2t.leadState(t(), atHarbor)).Status).toBe("ACTIVE");
        expect((await w2t.twilioSynced(t(), again)).ConversationSID).toBe(thread.ConversationSID);
        expect(await conversation(t(), thread.ConversationSID)).toMatchObject({ state: "active" });
        expect(await closeNotices("twin-oaks", thread.ConversationSID)).toEqual([]);
        await expectOpenLead(t(), "twin-oaks", phone, again);
        await expectOpenLead(t(), "harbor", phone, atHarbor);
        await Promise.all([w2t.closeLead(t(), atHarbor, "Test finished"), w2t.closeLead(t(), again, "Test finished")]);
    });

    it("20 concurrent replace-submits for one customer end with exactly one open lead", async () => {
        const phone = w2t.uniquePhone();
        const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
        const body = { ...w2t.web2TextLead("chicago", phone), ReplaceOpenLead: true };
        await Promise.all(ids.map((id) => w2t.createLead(t(), body, id)));

        // Every create answered after closing what it displaced, so the outcome is settled now.
        const states = await Promise.all(ids.map((id) => w2t.leadState(t(), id)));
        const open = ids.filter((_, i) => states[i]?.Status !== "CLOSED");
        expect(open).toHaveLength(1);
        const [survivor] = open;
        for (const state of states.filter((s) => s.Status === "CLOSED")) {
            expect(state.CloseReason).toMatch(/^Replaced by lead [0-9a-f-]{36}$/);
            expect(ids).toContain(state.CloseReason?.slice("Replaced by lead ".length));
        }
        await expectOpenLead(t(), "chicago", phone, survivor ?? "");
        const thread = await w2t.twilioSynced(t(), survivor ?? "");
        const active = (await Promise.all(ids.map((id) => conversationsOfLead(t(), id))))
            .flat()
            .filter((c) => c.state === "active");
        expect(active.map((c) => c.sid)).toEqual([thread.ConversationSID]);
        await w2t.closeLead(t(), survivor ?? "", "Test finished");
    });

    it("lists an open lead of the system this replaces once taken over, and replaces it like any other", async () => {
        const phone = w2t.uniquePhone();
        const id = crypto.randomUUID();
        const { retailer, locationId } = w2t.store("chicago");
        const legacy: SubmittedLead = {
            SchemaVersion: "2.0.0",
            LeadType: "WEB2TEXT",
            LeadId: id,
            Status: "ACTIVE",
            UniversalRetailerId: retailer.UniversalRetailerId,
            DateSubmitted: "2025-05-01T10:00:00.000Z",
            Integrations: {},
            Lead: {
                LocationId: locationId,
                PageUrl: "https://dealer.example/old-site",
                Name: "Old System Customer",
                PhoneNumber: phone,
                PreferredMethodOfContact: "text",
                CustomerMessage: "Written before the cutover",
            },
        };
        await putLeadItem(legacy);
        // Documented: the index learns of it when the lead processor takes it over, not before.
        expect(await openLeadAt(t(), "chicago", phone)).toBeNull();
        const refused = await w2t.ingress(t(), `/Lead/${id}/create`, { body: {} });
        expect(refused.status).toBe(409);
        expect(await expectOpenLead(t(), "chicago", phone, id)).toEqual({
            LeadId: id,
            DateSubmitted: legacy.DateSubmitted,
            Status: "ACTIVE",
        });

        const next = await w2t.createLead(t(), { ...w2t.web2TextLead("chicago", phone), ReplaceOpenLead: true });
        expect(await w2t.leadState(t(), id)).toMatchObject({
            Status: "CLOSED",
            CloseReason: `Replaced by lead ${next}`,
        });
        await expectOpenLead(t(), "chicago", phone, next);
        await w2t.closeLead(t(), next, "Test finished");
    });

    it("refuses a bad lookup or ReplaceOpenLead with a 400 naming the field, and stores nothing", async () => {
        const phone = w2t.uniquePhone();
        const badPhone = await w2t.ingress(t(), "/LeadLookup/openLead", {
            body: { ...openLeadQuery("chicago", phone), CustomerPhone: "12" },
        });
        expect(badPhone.status).toBe(400);
        expect(badPhone.text).toContain("CustomerPhone: is not a valid phone number");
        const noRetailer = await w2t.ingress(t(), "/LeadLookup/openLead", {
            body: { ...openLeadQuery("chicago", phone), RetailerId: undefined },
        });
        expect(noRetailer.status).toBe(400);
        expect(noRetailer.text).toContain("RetailerId:");
        expect(
            (await w2t.ingress(t(), "/LeadLookup/openLead", { auth: null, body: openLeadQuery("chicago", phone) }))
                .status,
        ).toBe(401);

        const id = crypto.randomUUID();
        const notBoolean = await w2t.ingress(t(), `/Lead/${id}/create`, {
            body: { ...w2t.web2TextLead("chicago", phone), ReplaceOpenLead: "yes" },
        });
        expect(notBoolean.status).toBe(400);
        expect(notBoolean.text).toContain("ReplaceOpenLead: must be true or false");
        expect(await leadItem(id)).toBeUndefined();
        expect(await openLeadAt(t(), "chicago", phone)).toBeNull();
    });
});
