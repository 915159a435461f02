/**
 * What a close does beyond leaving the thread: it copies what the thread gained since the last sync to RLM
 * and DealerHQ before they are CLOSED (a text whose webhook was lost is not left behind), and it checks the
 * dealer's close notice was delivered — a failure (30034, the sending number not registered for A2P 10DLC;
 * 21610, the dealer opted out) is kept in the Twilio integration's state, and a 21610 records the dealer's
 * opt-out. The sandbox's `webhooks` and `twilio-delivery` faults are the whole sandbox's: a stack of this
 * file's own, with the default reconcile interval (PT1H), so only the close can have copied the text.
 */
import { afterEach, describe, expect, it } from "vitest";
import { INTEGRATIONS, syncedMessageIds, waitUntilSynced } from "../../support/leads";
import { useOwnStack } from "../../support/own-stack";
import { inboxOf, textAs } from "../../support/twilio";
import { SandboxVendors } from "../../support/vendors";
import {
    closeLead,
    createLead,
    ingress,
    store,
    TwilioView,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const t = useOwnStack();
const vendors = new SandboxVendors(t);
afterEach(async () => {
    await vendors.clearFaults();
});

/** A synced lead at the Chicago store, with its thread's numbers. */
async function syncedLead(phone = uniquePhone()) {
    const leadId = await createLead(t, web2TextLead("chicago", phone));
    const lead = await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
    return { leadId, phone, thread: TwilioView.parse(lead.Integrations.Twilio?.Data) };
}

const notices = async (sid: string) =>
    (await inboxOf(t, store("chicago").web2TextNumber, sid)).filter((m) => m.body.includes("has expired"));

describe("closing a Web2Text lead", WEB2TEXT_TEST_TIMEOUT, () => {
    it("copies a text whose webhook was lost to RLM and DealerHQ before they are CLOSED", async () => {
        const { leadId, phone, thread } = await syncedLead();
        await vendors.fault({ service: "webhooks", count: 1 });
        const text = await textAs(t, phone, thread.CustomerProxyNumber, "One last question before you close");
        expect(text.delivered).toBe("conversation");

        const closed = await closeLead(t, leadId, "Bought elsewhere");
        expect(closed.Integrations.RLM?.SyncStatus).toBe("CLOSED");
        expect(closed.Integrations.DHQ?.SyncStatus).toBe("CLOSED");
        expect(syncedMessageIds(closed, "RLM")).toContain(text.messageSid);
        expect(syncedMessageIds(closed, "DHQ")).toContain(text.messageSid);
        const rlm = (await vendors.rlm())
            .flatMap((r) => r.notes)
            .filter((n) => n.message.includes("One last question"));
        const dhq = (await vendors.dhq())
            .flatMap((r) => r.comments)
            .filter((c) => c.body.includes("One last question"));
        expect([rlm.length, dhq.length]).toEqual([1, 1]);
    });

    it("keeps a close notice delivered", async () => {
        const { leadId, thread } = await syncedLead();
        const closed = await closeLead(t, leadId, "Bought elsewhere");
        const [notice] = await notices(thread.ConversationSID);
        expect(closed.Integrations.Twilio?.Data).toMatchObject({
            CloseNotice: { MessageSid: notice?.messageSid, Delivery: "delivered", ErrorCode: null },
        });
    });

    it("keeps a close notice that failed with 30034 (sender not registered for A2P 10DLC), and still closes", async () => {
        const { leadId, thread } = await syncedLead();
        await vendors.fault({ service: "twilio-delivery", errorCode: 30034, count: 1 });
        const closed = await closeLead(t, leadId, "Bought elsewhere");
        expect(closed).toMatchObject({ Status: "CLOSED", Integrations: { Twilio: { SyncStatus: "CLOSED" } } });
        expect(closed.Integrations.Twilio?.Data).toMatchObject({
            ConversationStatus: "closed",
            CloseNotice: { Delivery: "undelivered", ErrorCode: 30034 },
        });
        expect(await notices(thread.ConversationSID)).toEqual([]);
        const storeStatus = await ingress(t, "/TwilioWebhooks/checkOptInStatus", {
            body: { PhoneNumber: store("chicago").web2TextNumber },
        });
        expect(storeStatus.body).toEqual({ Status: "OPTED-IN" });
    });

    it("records the dealer's opt-out when the close notice fails with 21610", async () => {
        const { leadId, thread } = await syncedLead();
        const chicago = store("chicago").web2TextNumber;
        const unbound = ["+12125550101", "+12125550102", "+12125550103", "+12125550104"].find(
            (n) => n !== thread.StoreProxyNumber,
        );
        // The dealer's STOP to a number no thread of its binds goes to the inbound webhook, lost here: Twilio
        // blocks the store on the whole Messaging Service and the product knows nothing yet.
        await vendors.fault({ service: "webhooks", count: 1 });
        await textAs(t, chicago, unbound ?? "", "STOP");

        const closed = await closeLead(t, leadId, "Bought elsewhere");
        expect(closed.Integrations.Twilio?.Data).toMatchObject({
            CloseNotice: { Delivery: "failed", ErrorCode: 21610 },
        });
        const storeStatus = await ingress(t, "/TwilioWebhooks/checkOptInStatus", { body: { PhoneNumber: chicago } });
        expect(storeStatus.body).toEqual({ Status: "OPTED-OUT", OptInNumbers: [thread.StoreProxyNumber] });

        await textAs(t, chicago, unbound ?? "", "START");
        await textAs(t, chicago, thread.StoreProxyNumber, "START");
        const lifted = await ingress(t, "/TwilioWebhooks/checkOptInStatus", { body: { PhoneNumber: chicago } });
        expect(lifted.body).toEqual({ Status: "OPTED-IN" });
    });
});
