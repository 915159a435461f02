/**
 * What stores do, on a stack of its own (so no concurrent test uses these stores' numbers): spec edge case 4
 * (a location changes its Web2Text number in Nexus), a dealer texting STOP and START inside its thread (in each
 * of the sandbox's `stopRouting` modes), and a dealer texting a thread that has closed. AWS Nexus is reached through a pass-through that can change a location's number.
 */
import type { Stack } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { NexusOverride } from "../../support/nexus-override";
import { startOwnStack } from "../../support/own-stack";
import { sandboxSettings } from "../../support/sandbox";
import { conversation, inbox, inboxOf, textAs } from "../../support/twilio";
import {
    closeLead,
    createLead,
    ingress,
    type StackTarget,
    store,
    targetOf,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

describe("the store side of Web2Text", WEB2TEXT_TEST_TIMEOUT, () => {
    let own: Stack | undefined;
    let nexus: NexusOverride | undefined;
    let t: StackTarget;

    beforeAll(async () => {
        nexus = NexusOverride.start();
        own = await startOwnStack({ leadProcessorEnv: { NEXUS_AWS_API_URL: nexus.url } });
        nexus.forwardTo(own.urls.sandbox);
        t = targetOf(own);
    });
    afterAll(async () => {
        await own?.stop();
        nexus?.stop();
    });

    it("4. a location that changes its number: open leads stay on the old number, new leads use the new one", async () => {
        const chicago = store("chicago");
        const oldNumber = chicago.web2TextNumber;
        const newNumber = "+13125550160";
        const phone = uniquePhone();
        const before = await createLead(t, web2TextLead("chicago", phone));
        const old = await twilioSynced(t, before);
        expect(old.StorePhoneNumber).toBe(oldNumber);

        nexus?.setWeb2TextNumber(chicago.locationId, "(312) 555-0160");
        const after = await createLead(t, web2TextLead("chicago", phone, { CustomerMessage: "One more question" }));
        const renewed = await twilioSynced(t, after);
        expect(renewed.StorePhoneNumber).toBe(newNumber);
        expect(renewed.ConversationSID).not.toBe(old.ConversationSID);
        expect((await inboxOf(t, newNumber, renewed.ConversationSID))[0]?.body).toContain("One more question");

        await textAs(t, phone, old.CustomerProxyNumber, "About my first question");
        expect((await inboxOf(t, oldNumber, old.ConversationSID)).at(-1)?.body).toBe("About my first question");
        expect((await inbox(t, newNumber)).map((m) => m.body)).not.toContain("About my first question");

        const closed = await closeLead(t, before, "Test finished");
        expect(closed.Integrations.Twilio?.Data).toMatchObject({ StorePhoneNumber: oldNumber });
        expect((await inboxOf(t, oldNumber, old.ConversationSID)).at(-1)?.body).toContain("has expired");
        expect((await conversation(t, renewed.ConversationSID)).state).toBe("active");
    });

    it.each([
        ["conversation", { delivered: "conversation", webhook: false }],
        ["inbound-webhook", { delivered: "webhook", webhook: true }],
        ["both", { delivered: "conversation", webhook: true }],
    ] as const)(
        "a dealer's STOP (stopRouting: %s) is recorded and keeps its leads open; START re-enables the store",
        async (mode, route) => {
            await sandboxSettings(t, { stopRouting: mode });
            const evanston = store("evanston");
            const leadId = await createLead(t, web2TextLead("evanston", uniquePhone()));
            const twilio = await twilioSynced(t, leadId);
            const optIn = async () =>
                (
                    await ingress(t, "/TwilioWebhooks/checkOptInStatus", {
                        body: { PhoneNumber: evanston.web2TextNumber },
                    })
                ).body;

            const stop = await textAs(t, evanston.web2TextNumber, twilio.StoreProxyNumber, "STOP");
            expect(stop).toMatchObject({ optOutType: "STOP", delivered: route.delivered });
            if (route.webhook) {
                // The inbound webhook answers the dealer with the warning (Twilio texts it back).
                expect(stop).toMatchObject({ webhook: { status: 200 } });
                expect(stop.reply).toContain("You have opted out of Web2Text messages");
                expect(stop.reply).toContain("Reply START to opt back in");
                expect((await inbox(t, evanston.web2TextNumber)).at(-1)?.body).toBe(stop.reply);
            } else {
                expect(stop.reply).toBeUndefined();
            }
            // Recorded by the webhook, or by the sync the thread's message event starts.
            await eventually("the dealer's opt-out recorded", async () => {
                const status = await optIn();
                return JSON.stringify(status) ===
                    JSON.stringify({ Status: "OPTED-OUT", OptInNumbers: [twilio.StoreProxyNumber] })
                    ? status
                    : undefined;
            });

            // A sync queues behind any close the webhook sent: the lead is still open.
            const synced = await ingress(t, `/Lead/${leadId}/sync`, { body: {} });
            expect(synced).toMatchObject({ status: 200, body: { Status: "ACTIVE" } });
            expect((await conversation(t, twilio.ConversationSID)).state).toBe("active");

            const refused = await ingress<{ message: string }>(t, `/Lead/${crypto.randomUUID()}/create`, {
                body: web2TextLead("evanston", uniquePhone()),
            });
            expect(refused.status).toBe(400);
            expect(refused.body.message).toBe(
                "Location is INVALID - Location's Web2Text phone number has opted-out from our text messaging pool",
            );

            const start = await textAs(t, evanston.web2TextNumber, twilio.StoreProxyNumber, "START");
            expect(start).toMatchObject({ optOutType: "START", delivered: route.delivered });
            await eventually("the dealer's opt-out lifted", async () => {
                const status = await optIn();
                return JSON.stringify(status) === JSON.stringify({ Status: "OPTED-IN" }) ? status : undefined;
            });
            const accepted = await createLead(t, web2TextLead("evanston", uniquePhone()));
            expect((await twilioSynced(t, accepted)).StorePhoneNumber).toBe(evanston.web2TextNumber);
            await closeLead(t, leadId, "Test finished");
            await closeLead(t, accepted, "Test finished");
        },
    );

    it("a dealer who texts a thread that has closed gets the dealer's expired-thread reply", async () => {
        const evanston = store("evanston");
        const leadId = await createLead(t, web2TextLead("evanston", uniquePhone(), { Name: "Cora Closed" }));
        const twilio = await twilioSynced(t, leadId);
        await closeLead(t, leadId, "Test finished");

        const result = await textAs(t, evanston.web2TextNumber, twilio.StoreProxyNumber, "Are you still interested?");
        expect(result).toMatchObject({ delivered: "webhook", webhook: { status: 200 } });
        expect(result.reply).toContain("This Web2Text thread with Cora Closed has expired");
        expect((await inbox(t, evanston.web2TextNumber)).at(-1)).toMatchObject({
            from: twilio.StoreProxyNumber,
            body: result.reply,
        });
    });
});
