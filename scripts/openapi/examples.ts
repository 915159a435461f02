/**
 * The request examples of the API document, built from the sandbox's seeded data so that every example works
 * against a local stack (`bun run dev`); the e2e suite sends each one and checks the answer is documented.
 */
import { createHash } from "node:crypto";
import { retailerFor, seed } from "sandbox";

const retailer = retailerFor("valid");
const location = retailer.locations[0];
if (!location) throw new Error("the seeded 'valid' retailer has no location");

/** The lead the Lead examples create, sync and close (any new UUID works). */
export const EXAMPLE_LEAD_ID = "3b0c5b8e-5d3f-4c61-9a7e-2f1d4c6b8a10";
/** The ACTON example's lead (a second id, so both create examples can be sent). */
export const EXAMPLE_ACTON_LEAD_ID = "7d4e2a90-1c3b-4f5e-8a6d-9b0c1d2e3f40";
/** A seeded retailer whose locations take Web2Text leads. */
export const EXAMPLE_RETAILER_ID = retailer.UniversalRetailerId;
/** A fictitious customer phone (the seeded Lookup reports it as a valid mobile). */
const CUSTOMER_PHONE = "(217) 555-0123";
const CUSTOMER_E164 = "+12175550123";
/** The example customer's open-lead key at the seeded store (what `OpenLeads/{openLeadKey}/openLead` takes). */
export const EXAMPLE_OPEN_LEAD_KEY = [
    retailer.UniversalRetailerId.toLowerCase(),
    location.id.toLowerCase(),
    createHash("sha256").update(CUSTOMER_E164).digest("hex"),
].join("|");
const POOL_NUMBER = seed.twilio.pool[0] ?? "+12125550101";
const CONVERSATION_SID = "CH0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const MESSAGE_SID = "IM0f1e2d3c4b5a69788796a5b4c3d2e1f0";

export interface Example {
    summary: string;
    value: unknown;
}

export const OPEN_LEAD_EXAMPLES: Record<string, Example> = {
    customer: {
        summary: `The example customer at the seeded store "${location.location_name}"`,
        value: { RetailerId: retailer.UniversalRetailerId, LocationId: location.id, CustomerPhone: CUSTOMER_PHONE },
    },
};

export const OPEN_LEAD_BY_KEY_EXAMPLES: Record<string, Example> = {
    customer: {
        summary: "The example customer's phone, in any common notation (the key above is its digest)",
        value: { CustomerPhone: CUSTOMER_PHONE },
    },
};

export const CREATE_EXAMPLES: Record<string, Example> = {
    web2text: {
        summary: `WEB2TEXT lead for the seeded retailer "${retailer.name}"`,
        value: {
            LeadType: "WEB2TEXT",
            UniversalRetailerId: retailer.UniversalRetailerId,
            Lead: {
                LocationId: location.id,
                PageUrl: `${retailer.website_url}/flooring/white-oak-hardwood`,
                Name: "Jane Doe",
                PhoneNumber: CUSTOMER_PHONE,
                CustomerMessage: "Hello, is the white oak hardwood in stock at this store?",
                PreferredMethodOfContact: "text",
                AssociatedProductInfo: { Brand: "Prairie", Product: "White Oak Hardwood", Variant: "Natural" },
            },
        },
    },
    acton: {
        summary: "ACTON lead (an ActOn form post); send it with another lead id",
        value: {
            LeadType: "ACTON",
            UniversalRetailerId: retailer.UniversalRetailerId,
            SyncImmediately: false,
            Lead: {
                "First Name": "Robin",
                "Last Name": "Buyer",
                "E-mail Address": "robin.buyer@example.com",
                "Home Postal Code": "60601",
                preferred_location: location.location_name,
                listId: "l-0001",
                formname: "Contact Form",
            },
        },
    },
};

/** The lead id each create example is sent with. */
export const CREATE_EXAMPLE_LEAD_IDS: Record<keyof typeof CREATE_EXAMPLES, string> = {
    web2text: EXAMPLE_LEAD_ID,
    acton: EXAMPLE_ACTON_LEAD_ID,
};

export const CLOSE_EXAMPLES: Record<string, Example> = {
    withReason: { summary: "Close with a reason", value: { reason: "Customer bought elsewhere" } },
};

export const BULK_EXAMPLES: Record<string, Example> = {
    findActive: {
        summary: "Lead ids of the ACTIVE WEB2TEXT leads (first 100)",
        value: { Operation: "FIND", Filter: { Status: "ACTIVE", LeadType: "WEB2TEXT" }, Limit: 100 },
    },
    closeOne: {
        summary: "Close one lead and wait for its outcome",
        value: { Operation: "CLOSE", Filter: { LeadId: EXAMPLE_LEAD_ID }, Reason: "Duplicate lead", Async: false },
    },
};

export const ERASE_EXAMPLES: Record<string, Example> = {
    waitForAll: {
        summary: "Erase everything held about a customer phone and wait for every lead",
        value: { PhoneNumber: CUSTOMER_PHONE, Async: false },
    },
};

export const OPT_IN_EXAMPLES: Record<string, Example> = {
    phone: { summary: "Check a customer phone", value: { PhoneNumber: CUSTOMER_PHONE } },
};

export const MESSAGE_EVENT_EXAMPLES: Record<string, Example> = {
    messageAdded: {
        summary: "A message was added to a conversation",
        value: {
            AccountSid: seed.twilio.accountSid,
            ChatServiceSid: seed.twilio.chatServiceSid,
            ConversationSid: CONVERSATION_SID,
            EventType: "onMessageAdded",
            MessageSid: MESSAGE_SID,
            Author: CUSTOMER_E164,
            Body: "Is it still in stock?",
            Attributes: "{}",
            Source: "SMS",
        },
    },
};

export const STATE_UPDATED_EXAMPLES: Record<string, Example> = {
    closedByTimer: {
        summary: "The conversation's closed timer fired",
        value: {
            AccountSid: seed.twilio.accountSid,
            ChatServiceSid: seed.twilio.chatServiceSid,
            ConversationSid: CONVERSATION_SID,
            EventType: "onConversationStateUpdated",
            StateFrom: "inactive",
            StateTo: "closed",
            Reason: "TIMER",
        },
    },
};

export const INCOMING_MESSAGE_EXAMPLES: Record<string, Example> = {
    text: {
        summary: "A text to one of our numbers that no open thread took",
        value: {
            AccountSid: seed.twilio.accountSid,
            MessagingServiceSid: seed.twilio.messagingServiceSid,
            MessageSid: "SM0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            From: CUSTOMER_E164,
            To: POOL_NUMBER,
            Body: "Hello?",
        },
    },
};
