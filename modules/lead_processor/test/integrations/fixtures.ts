import type { BotpressConversationRow } from "../../src/clients/botpress/botpress.schemas";
import type { ConversationMessage } from "../../src/clients/twilio/conversations.types";
import type { IntegrationState } from "../../src/lead/lead-schemas";
import type { ActOnSubmittedLead } from "../../src/lead/types/acton/acton.schema";
import type { Web2TextSubmittedLead } from "../../src/lead/types/web2text/web2text.schema";

export const CUSTOMER_PHONE = "+13125550199";
export const STORE_PHONE = "+13125550142";
export const CONVERSATION_SID = "CH00000000000000000000000000000001";

/** A WEB2TEXT lead as the loop hands it to integrations. */
export function web2TextLead(over: Partial<Web2TextSubmittedLead["Lead"]> = {}): Web2TextSubmittedLead {
    return {
        SchemaVersion: "2.0.0",
        LeadType: "WEB2TEXT",
        LeadId: "0b8f6f1e-1111-4a2b-8c3d-000000000001",
        Status: "SYNCING",
        UniversalRetailerId: "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01",
        DateSubmitted: "2026-03-03T10:00:00.000Z",
        Integrations: {},
        Lead: {
            LocationId: "a1e0c9d2-5b7f-4e3a-8c21-3f9d0b1a2c01",
            PageUrl: "https://www.prairie-floors.example/products/oak?utm=1",
            Name: "Jane Q Public",
            PhoneNumber: CUSTOMER_PHONE,
            PreferredMethodOfContact: "text",
            CustomerMessage: "Do you have white oak?\nThanks!",
            ...over,
        },
    };
}

/** An ACTON lead. */
export function actOnLead(over: Partial<ActOnSubmittedLead["Lead"]> = {}): ActOnSubmittedLead {
    return {
        SchemaVersion: "2.0.0",
        LeadType: "ACTON",
        LeadId: "0b8f6f1e-2222-4a2b-8c3d-000000000002",
        Status: "SYNCING",
        UniversalRetailerId: "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01",
        DateSubmitted: "2026-03-03T10:00:00.000Z",
        Integrations: {},
        Lead: {
            "First Name": "Ada",
            "Last Name": "Lovelace",
            "E-mail Address": "ada@example.com",
            "Home Postal Code": "60601",
            preferred_location: "Chicago",
            listId: "l-0001",
            ...over,
        },
    };
}

export const twilioSynced: IntegrationState = {
    SyncStatus: "SYNCED",
    Data: { ConversationSID: CONVERSATION_SID, ConversationStatus: "active" },
    LastSynced: "2026-03-03T10:00:01.000Z",
};

export const BOTPRESS_ROW: BotpressConversationRow = {
    id: 1,
    createdAt: "2026-03-03T09:55:00.000Z",
    updatedAt: "2026-03-03T09:58:00.000Z",
    conversationId: "bp-demo-1",
    transcript: [],
    summary: "Wants waterproof vinyl for a basement.",
    sentiment: "positive",
    topics: ["luxury vinyl", "basement"],
};

export const botpressSynced: IntegrationState = {
    SyncStatus: "SYNCED",
    Data: { ConversationId: "bp-demo-1", Conversation: BOTPRESS_ROW },
    LastSynced: "2026-03-03T10:00:02.000Z",
};

let seq = 0;
/** A conversation message; `author` defaults to the customer. */
export function message(over: Partial<ConversationMessage> = {}): ConversationMessage {
    seq += 1;
    return {
        sid: `IM${String(seq).padStart(32, "0")}`,
        author: CUSTOMER_PHONE,
        body: `message ${seq}`,
        attributes: {},
        media: [],
        dateCreated: new Date(Date.UTC(2026, 2, 3, 10, 0, seq)).toISOString(),
        deliveryFailed: false,
        ...over,
    };
}
