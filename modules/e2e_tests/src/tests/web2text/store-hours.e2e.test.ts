/**
 * Store-hours greetings through ingress, with the sandbox as Nexus and Twilio. The lead processor's own clock
 * (the lead's journaled DateSubmitted) decides, so the tests move the store instead of the clock: Evanston (in
 * Chicago's zone, per its coordinates) gets ordinary eight-hour days that start two hours after its wall clock now
 * (closed) or started an hour ago (open), and the expected words are computed here from those hours and the
 * lead's DateSubmitted. Twin Oaks Brooklyn has no hours in either Nexus API.
 */
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { restateRows, sqlString } from "../../support/restate-sql";
import { resetStoreHours, sandboxCalls, setStoreHours } from "../../support/sandbox";
import { inboxOf, lastCallSeq } from "../../support/twilio";
import {
    closeLead,
    createLead,
    leadState,
    type SeededStore,
    sharedTarget,
    store,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const t = () => sharedTarget();
const evanston = store("evanston");
const STORE_ZONE = "America/Chicago";
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** The hour (0–23) the store's wall clock shows at an instant. */
function storeHour(at: Date): number {
    const text = new Intl.DateTimeFormat("en-US", { timeZone: STORE_ZONE, hour: "numeric", hourCycle: "h23" }).format(
        at,
    );
    return Number(text);
}

/** "3:00 PM" for an hour of the day. */
const clock = (hour: number) => `${hour % 12 === 0 ? 12 : hour % 12}:00 ${hour < 12 ? "AM" : "PM"}`;

/** The same eight-hour day every day of the week, opening at `opens` (0–23; it may run past midnight). */
function everyDay(opens: number): Record<string, string> {
    const open = ((opens % 24) + 24) % 24;
    return Object.fromEntries(DAYS.map((day) => [day, `${clock(open)} - ${clock((open + 8) % 24)}`]));
}

const todaysGreeting = (dealer: string) =>
    `Broadlume, a flooring software company, facilitates this conversation. You're now connected with ${dealer}, who will reply by text message shortly. Reply STOP to opt out of text messages.`;
const afterHoursGreeting = (dealer: string, opens: string) =>
    `Broadlume, a flooring software company, facilitates this conversation. You're now connected with ${dealer}. The store is closed now; they will reply by text message when it opens ${opens}. Reply STOP to opt out of text messages.`;

const Submitted = z.looseObject({ DateSubmitted: z.string() });

/** The store hours the lead keeps in its Restate state (with its other Nexus facts, key `nexus`). */
async function keptHours(leadId: string): Promise<unknown> {
    const query = `SELECT value_utf8 FROM state WHERE service_name = 'Lead' AND service_key = ${sqlString(leadId)} AND key = 'nexus'`;
    const [row] = await restateRows(t().admin, query, z.object({ value_utf8: z.string() }));
    return row ? z.looseObject({ hours: z.unknown() }).parse(JSON.parse(row.value_utf8)).hours : undefined;
}

/** Submits a lead for a seeded store and returns what each side received, with the lead's DateSubmitted. */
async function greetedLead(at: SeededStore) {
    const phone = uniquePhone();
    const leadId = await createLead(t(), web2TextLead(at, phone));
    const twilio = await twilioSynced(t(), leadId);
    const { DateSubmitted } = Submitted.parse(await leadState(t(), leadId));
    const customer = await inboxOf(t(), phone, twilio.ConversationSID);
    const dealer = await inboxOf(t(), store(at).web2TextNumber, twilio.ConversationSID);
    return {
        leadId,
        submitted: new Date(DateSubmitted),
        customer: customer.map((m) => m.body),
        dealer: dealer.map((m) => m.body),
    };
}

describe("store-hours greetings", WEB2TEXT_TEST_TIMEOUT, () => {
    afterAll(async () => {
        await resetStoreHours(t(), evanston.locationId);
    });

    it("tells a customer who writes while the store is closed when it opens, in the store's zone, and tells the dealer", async () => {
        const opens = (storeHour(new Date()) + 2) % 24;
        await setStoreHours(t(), evanston.locationId, everyDay(opens));
        const lead = await greetedLead("evanston");
        const day = opens > storeHour(lead.submitted) ? "today" : "tomorrow";
        const words = `${day} at ${clock(opens)}`;
        expect(lead.customer).toEqual([afterHoursGreeting(evanston.retailer.name, words)]);
        expect(lead.dealer).toHaveLength(1);
        expect(lead.dealer[0]).toMatch(/^New Web2Text lead\n/);
        expect(lead.dealer[0]).toContain(
            `Written after hours; the customer was told you will reply when the store opens ${words}.`,
        );
        expect(await keptHours(lead.leadId)).toMatchObject({ known: true, timeZone: STORE_ZONE });
        await closeLead(t(), lead.leadId, "Test finished");
    });

    it("greets as usual during opening hours", async () => {
        await setStoreHours(t(), evanston.locationId, everyDay(storeHour(new Date()) - 1));
        const lead = await greetedLead("evanston");
        expect(lead.customer).toEqual([todaysGreeting(evanston.retailer.name)]);
        expect(lead.dealer).toHaveLength(1);
        expect(lead.dealer[0]).not.toContain("after hours");
        await closeLead(t(), lead.leadId, "Test finished");
    });

    it("greets as usual when neither Nexus API has the store's hours, after asking the old one", async () => {
        const twinOaks = store("twin-oaks");
        const since = await lastCallSeq(t());
        const lead = await greetedLead("twin-oaks");
        expect(lead.customer).toEqual([todaysGreeting(twinOaks.retailer.name)]);
        expect(lead.dealer).toHaveLength(1);
        expect(lead.dealer[0]).not.toContain("after hours");
        const storesRead = (await sandboxCalls("nexus", since)).filter(
            (c) => c.path === `/nexus/retailers/${twinOaks.retailer.UniversalRetailerId}/stores`,
        );
        expect(storesRead.length).toBeGreaterThanOrEqual(1);
        expect(await keptHours(lead.leadId)).toEqual({
            known: false,
            reason: "the store has no hours of operation in Nexus",
        });
        await closeLead(t(), lead.leadId, "Test finished");
    });
});
