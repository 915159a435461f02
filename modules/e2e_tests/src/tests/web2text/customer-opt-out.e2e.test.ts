/**
 * A customer texting STOP, wherever Twilio routes it. Twilio's inbound-routing page says a text on a number
 * pair bound to an open conversation goes to the conversation, not to the Messaging Service's inbound webhook;
 * the sandbox's `stopRouting` setting offers that (`conversation`, the default) and the two other readings
 * (`inbound-webhook`, `both`), and the product must be right in each. The opt-out is recorded once
 * (`checkOptInStatus`), the lead closes with the opt-out reason, and Twilio then refuses any send to that
 * customer from any number of the Messaging Service (error 21610) until START lifts it. One stack of this
 * file's own, as the settings are the whole sandbox's.
 */
import type { StopRouting } from "sandbox";
import { beforeAll, describe, expect, it } from "vitest";
import { useOwnStack } from "../../support/own-stack";
import { sandboxSettings } from "../../support/sandbox";
import { conversation, inboxOf, sendSms, textAs } from "../../support/twilio";
import { SandboxVendors } from "../../support/vendors";
import {
    createLead,
    ingress,
    leadWhen,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const OPTED_OUT = "Participant opted out of text messaging";
const POOL = ["+12125550101", "+12125550102", "+12125550103", "+12125550104"];

const t = useOwnStack();

const optInStatus = async (phone: string) =>
    (await ingress(t, "/TwilioWebhooks/checkOptInStatus", { body: { PhoneNumber: phone } })).body;

/** Where each mode delivers a STOP on a bound pair: into the thread, to the inbound webhook, or both. */
const ROUTES: [StopRouting, { delivered: "conversation" | "webhook"; webhook: boolean }][] = [
    ["conversation", { delivered: "conversation", webhook: false }],
    ["inbound-webhook", { delivered: "webhook", webhook: true }],
    ["both", { delivered: "conversation", webhook: true }],
];

describe.each(ROUTES)("a customer's STOP inside an open thread (stopRouting: %s)", (mode, route) => {
    it(
        "is recorded once, closes the lead with the opt-out reason, and Twilio refuses later sends from any pool number",
        async () => {
            await sandboxSettings(t, { stopRouting: mode });
            const phone = uniquePhone();
            const leadId = await createLead(t, web2TextLead("chicago", phone));
            const thread = await twilioSynced(t, leadId);

            const stop = await textAs(t, phone, thread.CustomerProxyNumber, "Stop");
            expect(stop).toMatchObject({ optOutType: "STOP", delivered: route.delivered });
            if (route.webhook) expect(stop).toMatchObject({ webhook: { status: 200 } });
            else expect(stop.webhook).toBeUndefined();

            const closed = await leadWhen(t, leadId, "closed by the opt-out", (l) => l.Status === "CLOSED");
            expect(closed.CloseReason).toBe(OPTED_OUT);
            expect(closed.Integrations.Twilio?.SyncStatus).toBe("CLOSED");
            expect((await conversation(t, thread.ConversationSID)).state).toBe("closed");
            expect(await optInStatus(phone)).toEqual({
                Status: "OPTED-OUT",
                OptInNumbers: [thread.CustomerProxyNumber],
            });

            // Messaging-service wide: every other number of the pool is refused too, as Twilio refuses it.
            for (const from of POOL.filter((n) => n !== thread.CustomerProxyNumber)) {
                expect(await sendSms(t, from, phone, "Still there?")).toEqual({ status: 400, code: 21610 });
            }
            const refused = await ingress<{ message: string }>(t, `/Lead/${crypto.randomUUID()}/create`, {
                body: web2TextLead("evanston", phone),
            });
            expect(refused.status).toBe(400);
            expect(refused.body.message).toBe(
                "Phone Number is INVALID - Customer phone number has opted-out from our text messaging pool",
            );

            // The thread has closed, so START goes to the inbound webhook in every mode and lifts the opt-out.
            const start = await textAs(t, phone, thread.CustomerProxyNumber, "START");
            expect(start).toMatchObject({ optOutType: "START", delivered: "webhook", webhook: { status: 200 } });
            expect(await optInStatus(phone)).toEqual({ Status: "OPTED-IN" });
            expect(await sendSms(t, POOL[0] ?? "", phone, "Welcome back")).toMatchObject({ sid: expect.any(String) });
        },
        WEB2TEXT_TEST_TIMEOUT.timeout,
    );
});

describe("a customer's opt-out (stopRouting: conversation, Twilio's documented routing)", WEB2TEXT_TEST_TIMEOUT, () => {
    beforeAll(async () => {
        await sandboxSettings(t, { stopRouting: "conversation" });
    });

    it("closes every open lead of the customer, each with an opt-out reason", async () => {
        const phone = uniquePhone();
        const chicagoLead = await createLead(t, web2TextLead("chicago", phone));
        const evanstonLead = await createLead(t, web2TextLead("evanston", phone));
        const [chicago, evanston] = await Promise.all([twilioSynced(t, chicagoLead), twilioSynced(t, evanstonLead)]);

        await textAs(t, phone, chicago.CustomerProxyNumber, "UNSUBSCRIBE");
        const first = await leadWhen(t, chicagoLead, "closed by the opt-out", (l) => l.Status === "CLOSED");
        expect(first.CloseReason).toBe(OPTED_OUT);
        // The other thread learns it when its lead next syncs (a text, or its reconcile timer).
        const other = await ingress(t, `/Lead/${evanstonLead}/sync`, { body: {} });
        expect(other.status).toBe(200);
        const second = await leadWhen(t, evanstonLead, "closed by the opt-out", (l) => l.Status === "CLOSED");
        expect(second.CloseReason).toBe("Customer opted out of text messaging");
        expect((await conversation(t, evanston.ConversationSID)).state).toBe("closed");
        await textAs(t, phone, chicago.CustomerProxyNumber, "START");
    });

    it("a send refused with 21610 is an opt-out too: the customer's STOP elsewhere never reached us", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t, web2TextLead("chicago", phone));
        const thread = await twilioSynced(t, leadId);
        const otherPool = POOL.find((n) => n !== thread.CustomerProxyNumber) ?? "";
        // A STOP to a number no thread binds goes to the inbound webhook, which is lost here: Twilio blocks the
        // customer on the whole Messaging Service, and the product has recorded nothing.
        await new SandboxVendors(t).fault({ service: "webhooks", count: 1 });
        const stop = await textAs(t, phone, otherPool, "STOP");
        expect(stop).toMatchObject({ delivered: "webhook", webhook: { dropped: true } });
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-IN" });

        // The store answers in the thread; Twilio refuses it to the customer (21610), and the sync reads that.
        await textAs(t, thread.StorePhoneNumber, thread.StoreProxyNumber, "Are you still interested?");
        const closed = await leadWhen(t, leadId, "closed by the refused send", (l) => l.Status === "CLOSED");
        expect(closed.CloseReason).toBe(OPTED_OUT);
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-OUT", OptInNumbers: [thread.CustomerProxyNumber] });
        expect(await inboxOf(t, phone, thread.ConversationSID)).toHaveLength(1);
        await textAs(t, phone, otherPool, "START");
        await textAs(t, phone, thread.CustomerProxyNumber, "START");
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-IN" });
    });

    it("START lifts only the pair it was sent to", async () => {
        const phone = uniquePhone();
        const leadId = await createLead(t, web2TextLead("evanston", phone));
        const thread = await twilioSynced(t, leadId);
        await textAs(t, phone, thread.CustomerProxyNumber, "STOP");
        await leadWhen(t, leadId, "closed by the opt-out", (l) => l.Status === "CLOSED");
        const otherPool = POOL.find((n) => n !== thread.CustomerProxyNumber) ?? "";
        await textAs(t, phone, otherPool, "STOP");
        expect(await optInStatus(phone)).toMatchObject({ Status: "OPTED-OUT" });

        await textAs(t, phone, otherPool, "START");
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-OUT", OptInNumbers: [thread.CustomerProxyNumber] });
        await textAs(t, phone, thread.CustomerProxyNumber, "START");
        expect(await optInStatus(phone)).toEqual({ Status: "OPTED-IN" });
    });
});

describe(
    "a customer's STOP with optOutScope: number (Twilio blocking only that pool number)",
    WEB2TEXT_TEST_TIMEOUT,
    () => {
        it("is recorded and closes the lead; new leads for the customer are refused though other numbers still deliver", async () => {
            await sandboxSettings(t, { stopRouting: "conversation", optOutScope: "number" });
            try {
                const phone = uniquePhone();
                const leadId = await createLead(t, web2TextLead("chicago", phone));
                const thread = await twilioSynced(t, leadId);

                await textAs(t, phone, thread.CustomerProxyNumber, "STOP");
                const closed = await leadWhen(t, leadId, "closed by the opt-out", (l) => l.Status === "CLOSED");
                expect(closed.CloseReason).toBe(OPTED_OUT);
                expect(await optInStatus(phone)).toEqual({
                    Status: "OPTED-OUT",
                    OptInNumbers: [thread.CustomerProxyNumber],
                });
                // Twilio blocks only the pair: the number the customer stopped refuses, another one would deliver.
                expect(await sendSms(t, thread.CustomerProxyNumber, phone, "Still there?")).toEqual({
                    status: 400,
                    code: 21610,
                });
                const other = POOL.find((n) => n !== thread.CustomerProxyNumber) ?? "";
                expect(await sendSms(t, other, phone, "Still there?")).toMatchObject({ sid: expect.any(String) });
                // The product does not rely on Twilio's scope: its own record refuses a new lead for the customer.
                const refused = await ingress<{ message: string }>(t, `/Lead/${crypto.randomUUID()}/create`, {
                    body: web2TextLead("evanston", phone),
                });
                expect(refused.status).toBe(400);
                expect(refused.body.message).toBe(
                    "Phone Number is INVALID - Customer phone number has opted-out from our text messaging pool",
                );
                await textAs(t, phone, thread.CustomerProxyNumber, "START");
                expect(await optInStatus(phone)).toEqual({ Status: "OPTED-IN" });
            } finally {
                await sandboxSettings(t, { optOutScope: "messaging-service" });
            }
        });
    },
);
