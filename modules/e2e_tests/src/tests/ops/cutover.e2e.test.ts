/**
 * `bun run cutover` against a stack of this file's own: a thread the old system opened (its conversation,
 * participants, greetings and webhooks at the old host, its RLM and DealerHQ leads, its LeadStates item) is
 * moved, so the customer's next text reaches RLM and DealerHQ through this deployment; a second run changes
 * nothing.
 */
import { createTwilioClient } from "common/twilio";
import type { Stack } from "devstack";
import {
    conversationWebhooks,
    createDocumentClient,
    LeadStatesTable,
    type SubmittedLead,
    tableNames,
} from "lead-processor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { eventually } from "../../support/api";
import { startOwnStack } from "../../support/own-stack";
import { runCommand } from "../../support/run-command";
import { conversation, textAs } from "../../support/twilio";
import { SandboxVendors } from "../../support/vendors";
import { leadState, type StackTarget, store, targetOf, uniquePhone } from "../../support/web2text";

const OLD_INGRESS = "https://web2text-old.example.com";
const UNRELATED_WEBHOOK = "https://analytics.example.com/twilio/events";

let own: Stack;
let t: StackTarget;

beforeAll(async () => {
    own = await startOwnStack();
    t = targetOf(own);
}, 180_000);
afterAll(async () => {
    await own?.stop();
});

/** `bun run cutover <args>` with this stack's Twilio (the sandbox) and ingress. */
const runCutover = (args: string[]) =>
    runCommand([process.execPath, "run", "cutover", ...args], {
        env: {
            TWILIO_ACCOUNT_SID: own.seed.twilio.accountSid,
            TWILIO_AUTH_TOKEN: own.seed.twilio.authToken,
            TWILIO_MESSAGING_SERVICE_SID: own.seed.twilio.messagingServiceSid,
            TWILIO_API_BASE_URL: t.sandbox,
            PUBLIC_RESTATE_INGRESS_URL: t.ingress,
        },
    });

async function postJson<T>(url: string, body: unknown, schema: z.ZodType<T>, headers: Record<string, string> = {}) {
    const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${await res.text()}`);
    return schema.parse(await res.json());
}

/** Opens a thread exactly as the old system left one open: vendors' leads, the Twilio conversation, the item. */
async function openThreadTheOldWay() {
    const at = store("chicago");
    const customer = uniquePhone();
    const [customerProxy = "", storeProxy = ""] = own.seed.twilio.pool;
    const leadId = crypto.randomUUID();
    const name = "Dana Customer";
    const now = new Date().toISOString();

    const rlm = await postJson(
        `${t.sandbox}/rlm/api/${at.retailer.rlm_api_key}/leads`,
        {
            lead: {
                location_name: at.locationName,
                divison_name: "Per Pipeline configuration",
                source_name: "Web2Text",
                first_name: "Dana",
                last_name: "Customer",
                phone: customer,
                mobile_phone: customer,
                website: "dealer.example",
                note: "Is the white oak in stock?",
            },
        },
        z.object({ result: z.literal("Success"), lead_id: z.number(), lead_uuid: z.string() }),
    );
    const dhq = await postJson(
        `${t.sandbox}/dhq/retailer/rest/${at.retailer.UniversalRetailerId}/store_inquiries`,
        {
            occurred_at: now,
            universal_store_id: at.retailer.locations[0]?.universal_id,
            traffic: { source: "Other", medium: "Referral", campaign: "Web2Text" },
            inquiry: {
                contact_method: "cys_inquiry",
                email: `web2text+${customer.slice(1)}@broadlume.com`,
                external_id: leadId,
                message: "Is the white oak in stock?",
                name,
                phone_number: customer,
            },
        },
        z.object({ status: z.literal("success"), data: z.object({ lead: z.object({ id: z.string() }) }) }),
        { authorization: "Bearer sandbox-dhq-key" },
    );

    const twilio = createTwilioClient({
        accountSid: own.seed.twilio.accountSid,
        authToken: own.seed.twilio.authToken,
        apiBaseUrl: t.sandbox,
    });
    const conversations = twilio.conversations.v1.conversations;
    const created = await conversations.create({
        friendlyName: `${at.retailer.name} - ${at.locationName} - ${customer}`,
        messagingServiceSid: own.seed.twilio.messagingServiceSid,
        "timers.closed": "P1D",
        attributes: JSON.stringify({
            LeadIds: [leadId],
            DealerName: at.retailer.name,
            DealerURL: "https://prairie-floors.example",
            StorePhoneNumber: at.web2TextNumber,
            CustomerName: name,
            UniversalRetailerId: at.retailer.UniversalRetailerId,
            LocationID: at.locationId,
            Environment: { local: false, environment: "production" },
        }),
    });
    const thread = conversations(created.sid);
    await thread.participants.create({
        "messagingBinding.address": customer,
        "messagingBinding.proxyAddress": customerProxy,
    });
    await thread.participants.create({
        "messagingBinding.address": at.web2TextNumber,
        "messagingBinding.proxyAddress": storeProxy,
    });
    await thread.participants.create({ identity: "Broadlume" });
    const greetings = [
        await thread.messages.create({ author: customer, body: `New Web2Text lead from ${name}` }),
        await thread.messages.create({ author: at.web2TextNumber, body: `You are connected to ${at.retailer.name}` }),
    ].map((m) => m.sid);
    const webhook = (url: string, filters: string[]) =>
        thread.webhooks.create({
            target: "webhook",
            "configuration.url": url,
            "configuration.method": "post",
            "configuration.filters": filters,
        });
    await webhook(`${OLD_INGRESS}/TwilioWebhooks/sync`, ["onMessageAdded", "onMessageRemoved", "onMessageUpdated"]);
    await webhook(`${OLD_INGRESS}/TwilioWebhooks/close`, ["onConversationStateUpdated"]);
    await webhook(UNRELATED_WEBHOOK, ["onMessageAdded"]);
    await twilio.messaging.v1
        .services(own.seed.twilio.messagingServiceSid)
        .update({ inboundRequestUrl: `${OLD_INGRESS}/TwilioWebhooks/onIncomingMessage` });

    // The LeadStates item as the old system wrote it (Botpress in ERROR: it always ran, without an id).
    const legacy: SubmittedLead = {
        SchemaVersion: "2.0.0",
        LeadType: "WEB2TEXT",
        LeadId: leadId,
        Status: "ACTIVE",
        UniversalRetailerId: at.retailer.UniversalRetailerId,
        DateSubmitted: now,
        Lead: {
            LocationId: at.locationId,
            PageUrl: "https://dealer.example/products/white-oak",
            Name: name,
            PhoneNumber: customer,
            PreferredMethodOfContact: "text",
            CustomerMessage: "Is the white oak in stock?",
        },
        Integrations: {
            Twilio: {
                SyncStatus: "SYNCED",
                Data: { ConversationSID: created.sid, ConversationStatus: "active" },
                LastSynced: now,
            },
            Botpress: {
                SyncStatus: "ERROR",
                ErrorInfo: {
                    Message: "An error occurred during sync",
                    Details: { message: "Botpress Conversation ID is not set" },
                    ErrorDate: now,
                },
            },
            RLM: {
                SyncStatus: "SYNCED",
                Data: {
                    LeadId: rlm.lead_id,
                    LeadUUID: rlm.lead_uuid,
                    LocationName: at.locationName,
                    SyncedMessageIds: greetings,
                },
                LastSynced: now,
            },
            DHQ: {
                SyncStatus: "SYNCED",
                Data: { LeadId: dhq.data.lead.id, SyncedMessageIds: greetings },
                LastSynced: now,
            },
        },
    };
    const table = new LeadStatesTable(
        createDocumentClient({ region: "us-east-1", endpoint: own.urls.dynamo }),
        tableNames(own.tablePrefix).leadStates,
    );
    await table.put(legacy);
    return { leadId, customer, customerProxy, sid: created.sid, rlm, dhqLeadId: dhq.data.lead.id };
}

const inboundRequestUrl = async () => {
    const res = await fetch(`${t.sandbox}/messaging/v1/Services/${own.seed.twilio.messagingServiceSid}`, {
        headers: { authorization: `Basic ${btoa(`${own.seed.twilio.accountSid}:${own.seed.twilio.authToken}`)}` },
    });
    return z.object({ inbound_request_url: z.string().nullable() }).parse(await res.json()).inbound_request_url;
};

describe("bun run cutover", () => {
    it("moves a thread opened the old way: the customer's next text reaches RLM and DealerHQ; a second run changes nothing", async () => {
        const old = await openThreadTheOldWay();

        const dry = await runCutover(["--verbose"]);
        expect(dry.code, dry.stderr).toBe(0);
        expect(dry.stdout).toContain(`${old.sid} active`);
        expect(dry.stdout).toContain("would remove 2 old webhooks (web2text-old.example.com)");
        expect((await conversation(t, old.sid)).webhooks).toHaveLength(3);

        const applied = await runCutover(["--apply", "--verbose"]);
        expect(applied.code, applied.stderr).toBe(0);
        expect(applied.stdout).toContain(`${old.sid} active`);
        expect(applied.stdout).toContain("added sync, close; removed 2 old webhooks (web2text-old.example.com)");
        expect(applied.stdout + applied.stderr).not.toContain(old.customer);
        const moved = (await conversation(t, old.sid)).webhooks.map(({ url, method, filters }) => ({
            url,
            method,
            filters,
        }));
        expect(moved).toEqual(
            expect.arrayContaining([
                ...conversationWebhooks(t.ingress).map(({ url, filters }) => ({ url, method: "POST", filters })),
                { url: UNRELATED_WEBHOOK, method: "POST", filters: ["onMessageAdded"] },
            ]),
        );
        expect(moved).toHaveLength(3);
        expect(await inboundRequestUrl()).toBe(`${t.ingress}/TwilioWebhooks/onIncomingMessage`);

        const text = "Is the oak still in stock? I can come by Saturday.";
        expect(await textAs(t, old.customer, old.customerProxy, text)).toMatchObject({
            delivered: "conversation",
            conversationSid: old.sid,
        });
        const vendors = new SandboxVendors(t);
        const note = await eventually(
            "the customer's text as a note on the old RLM lead",
            async () =>
                (await vendors.rlm())
                    .find((l) => l.lead_uuid === old.rlm.lead_uuid)
                    ?.notes.find((n) => n.message.includes(text)),
            60_000,
        );
        expect(note).toMatchObject({ sender_phone: old.customer, sender_name: "Dana Customer" });
        const comment = await eventually(
            "the customer's text as a comment on the old DealerHQ lead",
            async () =>
                (await vendors.dhq()).find((l) => l.id === old.dhqLeadId)?.comments.find((c) => c.body.includes(text)),
            60_000,
        );
        expect(comment?.body).toContain("Dana Customer");
        // Only the new text: the greetings the old system had copied are not copied again.
        expect((await vendors.rlm()).find((l) => l.lead_uuid === old.rlm.lead_uuid)?.notes).toHaveLength(1);
        expect((await vendors.dhq()).find((l) => l.id === old.dhqLeadId)?.comments).toHaveLength(1);
        // The Lead object took the lead over from DynamoDB; its pass ends just after the vendors answered.
        const taken = await eventually(
            "the lead back to ACTIVE after the sync",
            async () => {
                const state = await leadState(t, old.leadId);
                return state?.Status === "ACTIVE" ? state : undefined;
            },
            30_000,
        );
        expect(taken).toMatchObject({
            LeadId: old.leadId,
            Status: "ACTIVE",
            Integrations: { RLM: { SyncStatus: "SYNCED" }, DHQ: { SyncStatus: "SYNCED" } },
        });

        const before = (await conversation(t, old.sid)).webhooks;
        const again = await runCutover(["--apply", "--verbose"]);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toContain(`${old.sid} active`);
        expect(again.stdout).toContain("already points here");
        expect(again.stdout).toContain("nothing to change");
        expect((await conversation(t, old.sid)).webhooks).toEqual(before);
        expect(await inboundRequestUrl()).toBe(`${t.ingress}/TwilioWebhooks/onIncomingMessage`);
    }, 180_000);
});
