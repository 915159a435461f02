import { describe, expect, it } from "vitest";
import { VendorError } from "../../src/clients/http";
import type { NexusLocation, NexusRetailer } from "../../src/clients/nexus/nexus.types";
import { parseAttributes } from "../../src/clients/twilio/conversation-attributes";
import { customerGreeting, dealerThreadExpired } from "../../src/integrations/twilio/messages";
import { TwilioIntegration } from "../../src/integrations/twilio/twilio.integration";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import type { Web2TextSubmittedLead } from "../../src/lead/types/web2text/web2text.schema";
import { fakeContext, integrationContext } from "../integrations/fake-context";
import { web2TextLead } from "../integrations/fixtures";
import { FakeOptOuts } from "./fake-opt-outs";
import { FakeProxy, FakeTwilio, SERVICE_SID } from "./fake-twilio";

const STORE = "+13125550142";
const INGRESS = "https://ingress.example";
const NOT_SYNCED: IntegrationState = { SyncStatus: "NOT SYNCED" };

function setup() {
    const twilio = new FakeTwilio();
    const proxy = new FakeProxy(twilio);
    const closes: { leadId: string; reason: string }[] = [];
    const optOuts = new FakeOptOuts();
    const locations = new Map<string, NexusLocation>();
    const retailer: NexusRetailer = { id: "r", name: "Prairie Floors", website_url: "https://prairie-floors.example" };
    const integration = new TwilioIntegration({
        conversations: twilio,
        proxy,
        directory: {
            getRetailer: async () => retailer,
            getLocation: async (id) => locations.get(id) ?? null,
        },
        optOuts,
        settings: {
            messagingServiceSid: SERVICE_SID,
            publicIngressUrl: `${INGRESS}/`,
            inactiveTimer: "P7D",
            closedTimer: "P30D",
            environment: { local: true, environment: "TEST" },
        },
        deliveryPolling: { reads: 3, intervalMs: 0 },
        closeLead: (_ctx, leadId, reason) => closes.push({ leadId, reason }),
    });
    const lead = web2TextLead();
    locations.set(lead.Lead.LocationId, {
        id: lead.Lead.LocationId,
        location_name: "Prairie Floors Chicago",
        Web2Text_Phone_Number: "(312) 555-0142",
    });
    return { twilio, proxy, closes, optOuts, locations, integration, lead };
}

type Setup = ReturnType<typeof setup>;

async function run(
    t: Setup,
    method: "create" | "sync" | "close",
    state: IntegrationState,
    lead: Web2TextSubmittedLead = t.lead,
    replay?: unknown[],
) {
    const fake = fakeContext(replay ? { replay } : {});
    const result = await t.integration[method](state, integrationContext(fake.ctx, lead));
    return { state: result, steps: fake.steps, journal: fake.journal };
}

const onlyConversation = (t: Setup) => {
    const all = [...t.twilio.conversations.values()];
    expect(all).toHaveLength(1);
    const [conversation] = all;
    if (!conversation) throw new Error("no conversation");
    return conversation;
};
const kinds = (t: Setup) => onlyConversation(t).messages.map((m) => `${m.attributes.Kind}:${m.attributes.LeadId}`);

describe("Twilio integration: create", () => {
    it("opens a conversation through the proxy, keyed by the lead, with the contract's attributes and timers", async () => {
        const t = setup();
        const { state, steps } = await run(t, "create", NOT_SYNCED);
        const request = t.proxy.requests[0];
        expect(request).toMatchObject({
            addresses: [t.lead.Lead.PhoneNumber, STORE],
            uniqueName: `web2text-${t.lead.LeadId}`,
            messagingServiceSid: SERVICE_SID,
            timers: { inactive: "P7D", closed: "P30D" },
        });
        expect(typeof request?.attributes).toBe("string");
        expect(JSON.parse(request?.attributes ?? "")).toEqual({
            LeadIds: [t.lead.LeadId],
            DealerName: "Prairie Floors",
            DealerURL: "https://prairie-floors.example",
            StorePhoneNumber: STORE,
            CustomerName: t.lead.Lead.Name,
            UniversalRetailerId: t.lead.UniversalRetailerId,
            LocationID: t.lead.Lead.LocationId,
            Environment: { local: true, environment: "TEST" },
        });
        expect(request?.friendlyName).toBe("Prairie Floors\nPrairie Floors Chicago\nWeb2Text Lead with +*******0199");
        const conversation = onlyConversation(t);
        expect(state).toMatchObject({
            SyncStatus: "SYNCED",
            Data: {
                ConversationSID: conversation.sid,
                ConversationStatus: "active",
                StorePhoneNumber: STORE,
                CustomerProxyNumber: "+12125550101",
                StoreProxyNumber: "+12125550101",
            },
        });
        expect(state.LastSynced).toBeTruthy();
        expect(steps).toEqual([
            "Fetch Nexus store and retailer",
            "Open Web2Text conversation",
            "Add Broadlume chat participant",
            "Register conversation webhooks",
            "Send dealer greeting",
            "Send customer greeting",
        ]);
    });

    it("registers the sync and close webhooks and greets each side once, authored by the other side", async () => {
        const t = setup();
        await run(t, "create", NOT_SYNCED);
        const conversation = onlyConversation(t);
        expect(conversation.participants.map((p) => p.identity ?? p.address)).toEqual([
            t.lead.Lead.PhoneNumber,
            STORE,
            "Broadlume",
        ]);
        expect(conversation.webhooks.map(({ url, filters }) => ({ url, filters }))).toEqual([
            {
                url: `${INGRESS}/TwilioWebhooks/sync`,
                filters: ["onMessageAdded", "onMessageUpdated", "onMessageRemoved"],
            },
            { url: `${INGRESS}/TwilioWebhooks/close`, filters: ["onConversationStateUpdated"] },
        ]);
        const [dealer, customer] = conversation.messages;
        expect(dealer).toMatchObject({ author: t.lead.Lead.PhoneNumber });
        expect(dealer?.attributes).toEqual({ SystemMessage: true, LeadId: t.lead.LeadId, Kind: "DealerGreeting" });
        expect(dealer?.body).toContain("New Web2Text lead");
        expect(dealer?.body).toContain(t.lead.Lead.CustomerMessage);
        expect(customer).toMatchObject({
            author: STORE,
            body: customerGreeting({ dealerName: "Prairie Floors", preferredMethodOfContact: "text" }),
        });
        expect(conversation.messages).toHaveLength(2);
    });

    it("tells both sides when the store opens when the lead arrived after hours, in the store's zone", async () => {
        const t = setup();
        const id = t.lead.Lead.LocationId;
        const week = { mon: "9 AM - 6 PM", tue: "9 AM - 6 PM", wed: "9 AM - 6 PM", thu: "9 AM - 8 PM" };
        const hours_of_operation = { ...week, fri: "9 AM - 6 PM", sat: "10 AM - 4 PM", sun: "Closed" };
        const location = t.locations.get(id);
        t.locations.set(id, { id, ...location, hours_of_operation, latitude: 41.88, longitude: -87.63 });
        // Saturday 2026-03-07 17:00 in Chicago (CST): closed until Monday, as Sunday is closed.
        await run(t, "create", NOT_SYNCED, { ...t.lead, DateSubmitted: "2026-03-07T23:00:00.000Z" });
        const [dealer, customer] = onlyConversation(t).messages;
        const opensAt = "Monday at 9:00 AM";
        expect(customer?.body).toBe(
            customerGreeting({ dealerName: "Prairie Floors", preferredMethodOfContact: "text", opensAt }),
        );
        expect(customer?.body).toContain(
            "The store is closed now; they will reply by text message when it opens Monday at 9:00 AM.",
        );
        expect(dealer?.body).toContain(
            `Written after hours; the customer was told you will reply when the store opens ${opensAt}.`,
        );
    });

    it("greets as usual when the lead arrived during opening hours or the store's hours are unknown", async () => {
        const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        const daily = Object.fromEntries(days.map((day) => [day, "9:00 AM - 6:00 PM"]));
        for (const hours_of_operation of [daily, "Mon-Fri 9-5"]) {
            const t = setup();
            const id = t.lead.Lead.LocationId;
            const location = {
                id,
                Web2Text_Phone_Number: STORE,
                hours_of_operation,
                latitude: 41.88,
                longitude: -87.63,
            };
            t.locations.set(id, location);
            // Saturday 2026-03-07 11:00 in Chicago: open with the first hours; unreadable with the second.
            await run(t, "create", NOT_SYNCED, { ...t.lead, DateSubmitted: "2026-03-07T17:00:00.000Z" });
            const [dealer, customer] = onlyConversation(t).messages;
            expect(customer?.body).toBe(
                customerGreeting({ dealerName: "Prairie Floors", preferredMethodOfContact: "text" }),
            );
            expect(dealer?.body).not.toContain("after hours");
        }
    });

    it("joins (and reactivates) the open thread between the same numbers instead of opening another", async () => {
        const t = setup();
        const existing = t.twilio.add({
            state: "inactive",
            attributes: JSON.stringify({ LeadIds: ["earlier-lead"], StorePhoneNumber: STORE }),
            bindings: [
                [t.lead.Lead.PhoneNumber, "+12125550103"],
                [STORE, "+12125550102"],
            ],
            webhooks: [
                { sid: "WH1", url: "https://elsewhere.example/hook", method: "POST", filters: ["onMessageAdded"] },
            ],
        });
        const { state } = await run(t, "create", NOT_SYNCED);
        expect(t.proxy.requests).toEqual([]);
        expect(existing.state).toBe("active");
        expect(parseAttributes(existing.attributes).LeadIds).toEqual(["earlier-lead", t.lead.LeadId]);
        expect(state.Data).toMatchObject({
            ConversationSID: existing.sid,
            CustomerProxyNumber: "+12125550103",
            StoreProxyNumber: "+12125550102",
        });
        // Compared by URL: the unrelated webhook did not stop ours from being added.
        expect(existing.webhooks.map((w) => w.url)).toEqual([
            "https://elsewhere.example/hook",
            `${INGRESS}/TwilioWebhooks/sync`,
            `${INGRESS}/TwilioWebhooks/close`,
        ]);
    });

    it("adds a second lead to the thread without a second set of webhooks, greeting for the new lead", async () => {
        const t = setup();
        await run(t, "create", NOT_SYNCED);
        const second = { ...t.lead, LeadId: "0b8f6f1e-1111-4a2b-8c3d-000000000002" };
        await run(t, "create", NOT_SYNCED, second);
        expect(onlyConversation(t).webhooks).toHaveLength(2);
        expect(parseAttributes(onlyConversation(t).attributes).LeadIds).toEqual([t.lead.LeadId, second.LeadId]);
        expect(kinds(t)).toEqual([
            `DealerGreeting:${t.lead.LeadId}`,
            `CustomerGreeting:${t.lead.LeadId}`,
            `DealerGreeting:${second.LeadId}`,
            `CustomerGreeting:${second.LeadId}`,
        ]);
    });

    it("repeats no effect when any step is retried after its effect (crash before the journal kept it)", async () => {
        for (let kept = 0; kept <= 6; kept += 1) {
            const t = setup();
            const { journal } = await run(t, "create", NOT_SYNCED);
            // The same lead again, with only the first `kept` step results journaled: the rest run again.
            const again = await run(t, "create", NOT_SYNCED, t.lead, journal.slice(0, kept));
            expect(again.state.SyncStatus).toBe("SYNCED");
            expect(onlyConversation(t).webhooks).toHaveLength(2);
            expect(onlyConversation(t).participants.filter((p) => p.identity === "Broadlume")).toHaveLength(1);
            expect(kinds(t)).toEqual([`DealerGreeting:${t.lead.LeadId}`, `CustomerGreeting:${t.lead.LeadId}`]);
        }
    });

    it("records ERROR for a missing store, an unparseable number or a failing proxy, with nothing opened", async () => {
        const missing = setup();
        missing.locations.clear();
        const noStore = await run(missing, "create", NOT_SYNCED);
        expect(noStore.state).toMatchObject({
            SyncStatus: "ERROR",
            ErrorInfo: { Message: expect.stringMatching(/^Location info is missing/) },
        });

        const typo = setup();
        typo.locations.set(typo.lead.Lead.LocationId, { id: "x", Web2Text_Phone_Number: "invalid" });
        const badNumber = await run(typo, "create", NOT_SYNCED);
        expect(badNumber.state.ErrorInfo?.Message).toBe("Location's phone number cannot be parsed: 'invalid'");

        const exhausted = setup();
        exhausted.proxy.pool = [];
        const noPool = await run(exhausted, "create", NOT_SYNCED);
        expect(noPool.state).toMatchObject({
            SyncStatus: "ERROR",
            ErrorInfo: { Message: "Error opening the Twilio conversation" },
        });
        expect(noPool.state.Data).toBeUndefined();
        expect(exhausted.twilio.conversations.size).toBe(0);
    });

    it("keeps the conversation in an ERROR state when a greeting fails, and finishes without duplicates later", async () => {
        const t = setup();
        t.twilio.failSend = new VendorError("Twilio", "rejected", "answered 400", 400);
        const failed = await run(t, "create", NOT_SYNCED);
        expect(failed.state).toMatchObject({
            SyncStatus: "ERROR",
            Data: { ConversationSID: onlyConversation(t).sid },
            ErrorInfo: { Message: "Error sending the dealer greeting" },
        });
        expect(failed.state.LastSynced).toBeUndefined();
        t.twilio.failSend = undefined;
        const retried = await run(t, "create", failed.state);
        expect(retried.state.SyncStatus).toBe("SYNCED");
        expect(t.proxy.requests).toHaveLength(1);
        expect(kinds(t)).toEqual([`DealerGreeting:${t.lead.LeadId}`, `CustomerGreeting:${t.lead.LeadId}`]);
    });
});

describe("Twilio integration: sync", () => {
    async function created(t: Setup) {
        return (await run(t, "create", NOT_SYNCED)).state;
    }

    it("stays open while the thread is open with both SMS participants and the customer has not opted out", async () => {
        const t = setup();
        const state = await created(t);
        onlyConversation(t).state = "inactive";
        const synced = await run(t, "sync", state);
        expect(synced.state).toMatchObject({ SyncStatus: "SYNCED", Data: { ConversationStatus: "inactive" } });
        expect(synced.steps).toEqual(["Fetch Web2Text conversation", "Check customer opt-out"]);
        expect(t.closes).toEqual([]);
    });

    it.each([
        [
            "closed",
            (t: Setup) => {
                onlyConversation(t).state = "closed";
            },
            "Inactivity",
        ],
        ["gone", (t: Setup) => t.twilio.conversations.clear(), "Inactivity"],
        [
            "left with one SMS participant",
            (t: Setup) => {
                const c = onlyConversation(t);
                c.participants = c.participants.filter((p) => p.address !== STORE);
            },
            "One or fewer participants left in conversation",
        ],
        [
            "with an opted-out customer",
            (t: Setup) => t.optOuts.seed(t.lead.Lead.PhoneNumber, "+12125550199"),
            "Customer opted out of text messaging",
        ],
    ])("closes the lead when the thread is %s", async (_what, change, reason) => {
        const t = setup();
        const state = await created(t);
        change(t);
        const synced = await run(t, "sync", state);
        expect(synced.state.SyncStatus).toBe("SYNCED");
        expect(t.closes).toEqual([{ leadId: t.lead.LeadId, reason }]);
    });
});

describe("Twilio integration: opt-outs the thread shows", () => {
    async function created(t: Setup) {
        const state = (await run(t, "create", NOT_SYNCED)).state;
        const conversation = onlyConversation(t);
        const poolOf = (phone: string) => conversation.participants.find((p) => p.address === phone)?.proxyAddress;
        return { state, conversation, customerPool: poolOf(t.lead.Lead.PhoneNumber), storePool: poolOf(STORE) };
    }
    const OPTED_OUT = "Participant opted out of text messaging";

    it.each(["STOP", "stop", " Stopall ", "UNSUBSCRIBE", "cancel", "End", "QUIT"])(
        "records the customer's %j in the thread once and closes the lead with the opt-out reason",
        async (keyword) => {
            const t = setup();
            const { state, conversation, customerPool } = await created(t);
            t.twilio.text(conversation.sid, t.lead.Lead.PhoneNumber, keyword);
            const synced = await run(t, "sync", state);
            expect(synced.state.SyncStatus).toBe("SYNCED");
            expect(synced.steps).toEqual(["Fetch Web2Text conversation", "Record opt-outs seen in the thread"]);
            expect(t.closes).toEqual([{ leadId: t.lead.LeadId, reason: OPTED_OUT }]);
            expect(t.optOuts.poolNumbersOf(t.lead.Lead.PhoneNumber)).toEqual([customerPool]);
            const entry = t.optOuts.records.get(t.lead.Lead.PhoneNumber)?.OptedOutNumbers[customerPool ?? ""];
            // The fact and Twilio's ids are kept, not the text the customer sent.
            expect(entry?.OptOutRequest).toEqual({
                Source: "conversation",
                ConversationSid: conversation.sid,
                MessageSid: expect.stringMatching(/^IM/),
                OptOutType: "STOP",
            });

            await run(t, "sync", state);
            expect(t.optOuts.writes).toEqual([`put ${t.lead.Lead.PhoneNumber}`]);
        },
    );

    it("ignores a keyword inside a sentence, and the product's own messages", async () => {
        const t = setup();
        const { state, conversation } = await created(t);
        t.twilio.text(conversation.sid, t.lead.Lead.PhoneNumber, "Please stop by on Saturday");
        const synced = await run(t, "sync", state);
        expect(synced.steps).toEqual(["Fetch Web2Text conversation", "Check customer opt-out"]);
        expect(t.closes).toEqual([]);
        expect(t.optOuts.writes).toEqual([]);
    });

    it("lets the latest keyword win: STOP then START keeps the lead open and lifts the pair", async () => {
        const t = setup();
        const { state, conversation, customerPool } = await created(t);
        t.optOuts.seed(t.lead.Lead.PhoneNumber, customerPool ?? "");
        t.twilio.text(conversation.sid, t.lead.Lead.PhoneNumber, "STOP");
        t.twilio.text(conversation.sid, t.lead.Lead.PhoneNumber, "unstop");
        await run(t, "sync", state);
        expect(t.closes).toEqual([]);
        expect(t.optOuts.records.has(t.lead.Lead.PhoneNumber)).toBe(false);
    });

    it("records a dealer's STOP in the thread and keeps the lead open; the dealer's START lifts it", async () => {
        const t = setup();
        const { state, conversation, storePool } = await created(t);
        t.twilio.text(conversation.sid, STORE, "STOP");
        await run(t, "sync", state);
        expect(t.closes).toEqual([]);
        expect(t.optOuts.poolNumbersOf(STORE)).toEqual([storePool]);

        t.twilio.text(conversation.sid, STORE, "START");
        await run(t, "sync", state);
        expect(t.optOuts.records.has(STORE)).toBe(false);
        expect(t.closes).toEqual([]);
    });

    it("takes a 21610 on the latest text sent to the customer as their opt-out (they texted STOP elsewhere)", async () => {
        const t = setup();
        const { state, conversation, customerPool } = await created(t);
        t.twilio.undeliverable.set(t.lead.Lead.PhoneNumber, { status: "failed", errorCode: 21610 });
        const refused = t.twilio.text(conversation.sid, STORE, "Are you still interested?");
        const synced = await run(t, "sync", state);
        expect(t.closes).toEqual([{ leadId: t.lead.LeadId, reason: OPTED_OUT }]);
        expect(t.optOuts.records.get(t.lead.Lead.PhoneNumber)?.OptedOutNumbers[customerPool ?? ""]).toMatchObject({
            OptOutRequest: { Source: "delivery-receipt", MessageSid: refused.sid, ErrorCode: "21610" },
        });
        expect(synced.steps).toEqual(["Fetch Web2Text conversation", "Record opt-outs seen in the thread"]);
    });

    it("reads receipts only for a failed latest text, and takes another failure (30034) for no opt-out", async () => {
        const t = setup();
        const { state, conversation } = await created(t);
        await run(t, "sync", state);
        expect(t.twilio.receiptReads).toBe(0);
        t.twilio.undeliverable.set(t.lead.Lead.PhoneNumber, { status: "undelivered", errorCode: 30034 });
        t.twilio.text(conversation.sid, STORE, "Hello?");
        await run(t, "sync", state);
        expect(t.twilio.receiptReads).toBe(1);
        expect(t.closes).toEqual([]);
        expect(t.optOuts.writes).toEqual([]);
    });

    it("lets a START after a refused send win", async () => {
        const t = setup();
        const { state, conversation } = await created(t);
        t.twilio.undeliverable.set(t.lead.Lead.PhoneNumber, { status: "failed", errorCode: 21610 });
        t.twilio.text(conversation.sid, STORE, "Hello?");
        t.twilio.text(conversation.sid, t.lead.Lead.PhoneNumber, "START");
        await run(t, "sync", state);
        expect(t.closes).toEqual([]);
    });
});

describe("Twilio integration: the close notice's delivery", () => {
    const closing = (lead: Web2TextSubmittedLead): Web2TextSubmittedLead => ({ ...lead, CloseReason: "Done" });

    it("is checked and kept: delivered", async () => {
        const t = setup();
        const state = (await run(t, "create", NOT_SYNCED)).state;
        const closed = await run(t, "close", state, closing(t.lead));
        const notice = onlyConversation(t).messages.find((m) => m.attributes.Kind === "DealerClose");
        expect(closed.state.Data).toMatchObject({
            CloseNotice: { MessageSid: notice?.sid, Delivery: "delivered", ErrorCode: null },
        });
        expect(closed.steps).toEqual([
            "Leave Web2Text conversation",
            "Send dealer close message",
            "Check dealer close message delivery",
            "Close Web2Text conversation",
        ]);
    });

    it("keeps a 30034 failure (unregistered sender) and still closes the thread", async () => {
        const t = setup();
        const state = (await run(t, "create", NOT_SYNCED)).state;
        t.twilio.undeliverable.set(STORE, { status: "undelivered", errorCode: 30034 });
        const closed = await run(t, "close", state, closing(t.lead));
        expect(closed.state).toMatchObject({
            SyncStatus: "CLOSED",
            Data: { ConversationStatus: "closed", CloseNotice: { Delivery: "undelivered", ErrorCode: 30034 } },
        });
        expect(onlyConversation(t).state).toBe("closed");
        expect(t.optOuts.writes).toEqual([]);
    });

    it("records the dealer's opt-out on a 21610", async () => {
        const t = setup();
        const state = (await run(t, "create", NOT_SYNCED)).state;
        const storePool = onlyConversation(t).participants.find((p) => p.address === STORE)?.proxyAddress;
        t.twilio.undeliverable.set(STORE, { status: "failed", errorCode: 21610 });
        const closed = await run(t, "close", state, closing(t.lead));
        expect(closed.state.Data).toMatchObject({ CloseNotice: { Delivery: "failed", ErrorCode: 21610 } });
        expect(t.optOuts.poolNumbersOf(STORE)).toEqual([storePool]);
        expect(closed.steps).toContain("Record dealer opt-out");
    });

    it("re-reads a receipt that stays `sent` a bounded number of times", async () => {
        const t = setup();
        const state = (await run(t, "create", NOT_SYNCED)).state;
        const original = t.twilio.listReceipts.bind(t.twilio);
        t.twilio.listReceipts = async (sid, messageSid) =>
            (await original(sid, messageSid)).map((r) => ({ ...r, status: "sent" as const }));
        const reads = t.twilio.receiptReads;
        const closed = await run(t, "close", state, closing(t.lead));
        expect(t.twilio.receiptReads - reads).toBe(3);
        expect(closed.state.Data).toMatchObject({ CloseNotice: { Delivery: "sent", ErrorCode: null } });
        expect(onlyConversation(t).state).toBe("closed");
    });
});

describe("Twilio integration: close", () => {
    const SECOND = "0b8f6f1e-1111-4a2b-8c3d-000000000002";
    const closing = (lead: Web2TextSubmittedLead, reason = "Bought elsewhere"): Web2TextSubmittedLead => ({
        ...lead,
        CloseReason: reason,
    });

    it("leaves a shared thread open, without a message, until its last lead closes", async () => {
        const t = setup();
        const first = (await run(t, "create", NOT_SYNCED)).state;
        const secondLead = { ...t.lead, LeadId: SECOND };
        const second = (await run(t, "create", NOT_SYNCED, secondLead)).state;
        const conversation = onlyConversation(t);
        const sentBefore = conversation.messages.length;

        const one = await run(t, "close", first, closing(t.lead));
        expect(one.state).toMatchObject({ SyncStatus: "CLOSED", Data: { ConversationStatus: "active" } });
        expect(conversation.state).toBe("active");
        expect(parseAttributes(conversation.attributes).LeadIds).toEqual([SECOND]);
        expect(conversation.messages).toHaveLength(sentBefore);

        const two = await run(t, "close", second, closing(secondLead, "Inactivity"));
        expect(two.state).toMatchObject({ SyncStatus: "CLOSED", Data: { ConversationStatus: "closed" } });
        expect(conversation.state).toBe("closed");
        const closeMessages = conversation.messages.filter((m) => m.attributes.Kind === "DealerClose");
        expect(closeMessages).toEqual([
            expect.objectContaining({
                author: t.lead.Lead.PhoneNumber,
                body: dealerThreadExpired({ customerName: t.lead.Lead.Name, reason: "Inactivity" }),
            }),
        ]);
        expect(t.twilio.updates.every((u) => u.attributes === undefined || typeof u.attributes === "string")).toBe(
            true,
        );
    });

    it("sends the close message once when the close is retried after it went out", async () => {
        const t = setup();
        const state = (await run(t, "create", NOT_SYNCED)).state;
        const lead = closing(t.lead);
        const { journal } = await run(t, "close", state, lead);
        // Retried with only the leave step journaled: the message is found, not sent again.
        const conversation = onlyConversation(t);
        conversation.state = "active";
        const again = await run(t, "close", state, lead, journal.slice(0, 1));
        expect(again.state.SyncStatus).toBe("CLOSED");
        expect(conversation.messages.filter((m) => m.attributes.Kind === "DealerClose")).toHaveLength(1);
    });

    it("closes without touching a thread that is already closed, gone, or was never opened", async () => {
        const t = setup();
        const state = (await run(t, "create", NOT_SYNCED)).state;
        onlyConversation(t).state = "closed";
        const updatesBefore = t.twilio.updates.length;
        const closed = await run(t, "close", state, closing(t.lead));
        expect(closed.state).toMatchObject({ SyncStatus: "CLOSED", Data: { ConversationStatus: "closed" } });
        expect(t.twilio.updates).toHaveLength(updatesBefore);

        t.twilio.conversations.clear();
        expect((await run(t, "close", state, closing(t.lead))).state.SyncStatus).toBe("CLOSED");

        const never = await run(setup(), "close", { SyncStatus: "ERROR", ErrorInfo: { Message: "x" } });
        expect(never.state.SyncStatus).toBe("CLOSED");
        expect(never.steps).toEqual([]);
    });
});
