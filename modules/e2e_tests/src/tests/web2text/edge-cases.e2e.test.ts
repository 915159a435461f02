/**
 * The spec's "Web2Text Edge Cases" (README), through ingress with the sandbox as Twilio. Case 4 (a location
 * changing its number) needs Nexus to change under a running stack: it is in `store-side.e2e.test.ts`.
 * A thread is the (customer, store number) pair: leads share one only when both numbers are the same. Case 1 is
 * played as the website does it: the open-lead lookup, then a resubmit with `ReplaceOpenLead`.
 */
import { describe, expect, it } from "vitest";
import { expectOpenLead } from "../../support/open-leads";
import { conversation, conversationsOfLead, inbox, inboxOf, textAs } from "../../support/twilio";
import {
    closeLead,
    createLead,
    leadState,
    sharedTarget,
    store,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const t = () => sharedTarget();
const greetingsIn = async (phone: string, sid: string) =>
    (await inboxOf(t(), phone, sid)).filter((m) => m.body.includes("Reply STOP to opt out"));
const leadCardsIn = async (phone: string, sid: string) =>
    (await inboxOf(t(), phone, sid)).filter((m) => m.body.startsWith("New Web2Text lead"));

describe.concurrent("Web2Text edge cases", WEB2TEXT_TEST_TIMEOUT, () => {
    it("1. same phone, dealer and location again: the website finds the open lead and resubmits; the old lead is closed, the new one opens a new thread", async () => {
        const phone = uniquePhone();
        const first = await createLead(t(), web2TextLead("chicago", phone));
        const old = await twilioSynced(t(), first);
        // The website asks before submitting again, prompts the customer, and resubmits replacing the open lead.
        await expectOpenLead(t(), "chicago", phone, first);
        const resubmit = {
            ...web2TextLead("chicago", phone, { CustomerMessage: "Asking again" }),
            ReplaceOpenLead: true,
        };
        const second = await createLead(t(), resubmit);
        expect(await leadState(t(), first)).toMatchObject({
            Status: "CLOSED",
            CloseReason: `Replaced by lead ${second}`,
        });
        expect((await conversation(t(), old.ConversationSID)).state).toBe("closed");

        const renewed = await twilioSynced(t(), second);
        expect(renewed.ConversationSID).not.toBe(old.ConversationSID);
        expect(await conversation(t(), renewed.ConversationSID)).toMatchObject({
            state: "active",
            attributes: { LeadIds: [second] },
        });
        expect(await greetingsIn(phone, renewed.ConversationSID)).toHaveLength(1);
        await expectOpenLead(t(), "chicago", phone, second);
        await closeLead(t(), second, "Test finished");
    });

    it("1b. a second lead for the same phone and location while the first is open joins its thread", async () => {
        const phone = uniquePhone();
        const chicago = store("chicago").web2TextNumber;
        const first = await createLead(t(), web2TextLead("chicago", phone));
        const thread = await twilioSynced(t(), first);
        const second = await createLead(t(), web2TextLead("chicago", phone, { CustomerMessage: "Asking again" }));
        expect((await twilioSynced(t(), second)).ConversationSID).toBe(thread.ConversationSID);
        expect((await conversation(t(), thread.ConversationSID)).attributes.LeadIds).toEqual([first, second]);
        expect(await leadCardsIn(chicago, thread.ConversationSID)).toHaveLength(2);

        await closeLead(t(), first, "Resubmitted by the customer");
        expect((await conversation(t(), thread.ConversationSID)).state).toBe("active");
        await closeLead(t(), second, "Test finished");
        expect((await conversation(t(), thread.ConversationSID)).state).toBe("closed");
    });

    it("2. same phone and dealer, different locations: two leads, two threads", async () => {
        const phone = uniquePhone();
        const atChicago = await createLead(t(), web2TextLead("chicago", phone));
        const atEvanston = await createLead(t(), web2TextLead("evanston", phone));
        const [chicago, evanston] = await Promise.all([twilioSynced(t(), atChicago), twilioSynced(t(), atEvanston)]);

        expect(chicago.ConversationSID).not.toBe(evanston.ConversationSID);
        expect(chicago.StorePhoneNumber).toBe(store("chicago").web2TextNumber);
        expect(evanston.StorePhoneNumber).toBe(store("evanston").web2TextNumber);
        // The customer tells the two stores apart by the pool number each thread texts from.
        expect(chicago.CustomerProxyNumber).not.toBe(evanston.CustomerProxyNumber);
        expect(await greetingsIn(phone, chicago.ConversationSID)).toHaveLength(1);
        expect(await greetingsIn(phone, evanston.ConversationSID)).toHaveLength(1);
        expect(await leadCardsIn(store("evanston").web2TextNumber, evanston.ConversationSID)).toHaveLength(1);
        await Promise.all([closeLead(t(), atChicago, "Test finished"), closeLead(t(), atEvanston, "Test finished")]);
    });

    it("3. two locations sharing a number, two customers: two leads, one thread per customer with that store number", async () => {
        const [ana, ben] = [uniquePhone(), uniquePhone()];
        const shared = store("twin-oaks").web2TextNumber;
        expect(store("harbor").web2TextNumber).toBe(shared);
        const leadA = await createLead(t(), web2TextLead("twin-oaks", ana, { Name: "Ana" }));
        const leadB = await createLead(t(), web2TextLead("harbor", ben, { Name: "Ben" }));
        const [a, b] = await Promise.all([twilioSynced(t(), leadA), twilioSynced(t(), leadB)]);

        expect(a.ConversationSID).not.toBe(b.ConversationSID);
        expect([a.StorePhoneNumber, b.StorePhoneNumber]).toEqual([shared, shared]);
        // The store talks to each customer through its own pool number, so its replies reach the right one.
        expect(a.StoreProxyNumber).not.toBe(b.StoreProxyNumber);
        const [cardA] = await leadCardsIn(shared, a.ConversationSID);
        const [cardB] = await leadCardsIn(shared, b.ConversationSID);
        expect(cardA?.body).toContain("Location: Twin Oaks Brooklyn");
        expect(cardB?.body).toContain("Location: Harbor Floor Design Queens");

        await textAs(t(), ana, a.CustomerProxyNumber, "Only for Twin Oaks");
        expect((await inboxOf(t(), shared, a.ConversationSID)).at(-1)?.body).toBe("Only for Twin Oaks");
        expect((await inbox(t(), ben)).map((m) => m.body)).not.toContain("Only for Twin Oaks");
        await Promise.all([closeLead(t(), leadA, "Test finished"), closeLead(t(), leadB, "Test finished")]);
    });

    it("5. two locations sharing a number, the same customer at both: two leads in one thread", async () => {
        const phone = uniquePhone();
        const shared = store("twin-oaks").web2TextNumber;
        const atTwinOaks = await createLead(t(), web2TextLead("twin-oaks", phone));
        const thread = await twilioSynced(t(), atTwinOaks);
        const atHarbor = await createLead(t(), web2TextLead("harbor", phone));
        expect((await twilioSynced(t(), atHarbor)).ConversationSID).toBe(thread.ConversationSID);

        expect(await conversationsOfLead(t(), atHarbor)).toHaveLength(1);
        expect((await conversation(t(), thread.ConversationSID)).attributes.LeadIds).toEqual([atTwinOaks, atHarbor]);
        const greetings = await greetingsIn(phone, thread.ConversationSID);
        expect(
            greetings.map((m) => m.body.includes("Twin Oaks Flooring") || m.body.includes("Harbor Floor Design")),
        ).toEqual([true, true]);
        expect(await leadCardsIn(shared, thread.ConversationSID)).toHaveLength(2);

        await closeLead(t(), atTwinOaks, "Test finished");
        expect((await conversation(t(), thread.ConversationSID)).state).toBe("active");
        await closeLead(t(), atHarbor, "Test finished");
        expect((await conversation(t(), thread.ConversationSID)).state).toBe("closed");
        const notices = (await inboxOf(t(), shared, thread.ConversationSID)).filter((m) =>
            m.body.includes("has expired"),
        );
        expect(notices).toHaveLength(1);
    });
});
