import { describe, expect, it } from "vitest";
import {
    doubleNewlines,
    syntheticEmail,
    toDhqComment,
    toDhqInquiry,
    toDhqSummaryComment,
} from "../../src/integrations/dhq/dhq.mappers";
import { chatbotSummary } from "../../src/integrations/shared/message-text";
import { BOTPRESS_ROW, CONVERSATION_SID, CUSTOMER_PHONE, message, web2TextLead } from "./fixtures";

const STORE = { universal_id: "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01", street_address: "100 W Randolph St" };

describe("DHQ store inquiry", () => {
    it("derives the synthetic e-mail from the phone digits", () => {
        expect(syntheticEmail("+13125550199")).toBe("web2text+13125550199@broadlume.com");
        expect(syntheticEmail("+1 (312) 555-0199")).toBe("web2text+13125550199@broadlume.com");
    });

    it("maps a WEB2TEXT lead with product and conversation", () => {
        const lead = web2TextLead({
            AssociatedProductInfo: { Brand: "Shaw", Product: "Oak Natural", Variant: "Honey" },
        });
        expect(toDhqInquiry(lead, STORE, CONVERSATION_SID)).toEqual({
            occurred_at: "2026-03-03T10:00:00.000Z",
            store_address: "100 W Randolph St",
            universal_store_id: STORE.universal_id,
            traffic: { source: "Other", medium: "Referral", campaign: "Web2Text" },
            inquiry: {
                contact_method: "cys_inquiry",
                email: "web2text+13125550199@broadlume.com",
                external_id: lead.LeadId,
                message: "Do you have white oak?\nThanks!",
                name: "Jane Q Public",
                page_url: lead.Lead.PageUrl,
                phone_number: CUSTOMER_PHONE,
                preferred_location: "100 W Randolph St",
                product: { brand: "Shaw", name: "Oak Natural", color: "Honey" },
            },
            custom_fields: [
                { name: "Web2TextLeadID", value: lead.LeadId, displayable: false },
                { name: "Twilio Conversation SID", value: CONVERSATION_SID, displayable: false },
            ],
        });
    });

    it("omits product and address when missing, and writes 'null' for a missing conversation", () => {
        const inquiry = toDhqInquiry(
            web2TextLead(),
            { universal_id: STORE.universal_id, street_address: null },
            undefined,
        );
        expect(inquiry.store_address).toBeUndefined();
        expect(inquiry.inquiry).not.toHaveProperty("product");
        expect(inquiry.inquiry).not.toHaveProperty("preferred_location");
        expect(inquiry.custom_fields[1]).toEqual({
            name: "Twilio Conversation SID",
            value: "null",
            displayable: false,
        });
    });
});

describe("DHQ comments", () => {
    it("doubles every newline", () => {
        expect(doubleNewlines("a\nb\r\nc\n\nd")).toBe("a\n\nb\n\nc\n\n\n\nd");
    });

    it("prefixes the bold sender and doubles the message's newlines, media lines included", () => {
        const m = message({ body: "Line 1\nLine 2", media: [{ sid: "ME1", filename: "room.png" }] });
        expect(toDhqComment(m, "Dealer")).toEqual({
            body: "**| Dealer**\n\nLine 1\n\nLine 2\n\n[MEDIA ATTACHMENT - room.png]",
            author_id: 262,
        });
    });

    it("formats the chatbot summary", () => {
        expect(toDhqSummaryComment(chatbotSummary(BOTPRESS_ROW))).toEqual({
            body: "**Fibi Chatbot**\n\n**Topics:**\n\n- luxury vinyl\n- basement\n\n**Summary:**\n\nWants waterproof vinyl for a basement.",
            author_id: 262,
        });
        expect(toDhqSummaryComment(chatbotSummary({ ...BOTPRESS_ROW, topics: [] })).body).toContain(
            "**Topics:**\n\nNo topics detected",
        );
    });
});
