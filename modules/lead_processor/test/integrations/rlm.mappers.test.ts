import { describe, expect, it } from "vitest";
import {
    rlmLeadNote,
    rlmLocationName,
    toRlmLead,
    toRlmNote,
    toRlmSummaryNote,
} from "../../src/integrations/rlm/rlm.mappers";
import { chatbotSummary } from "../../src/integrations/shared/message-text";
import { BOTPRESS_ROW, CUSTOMER_PHONE, message, web2TextLead } from "./fixtures";

const STORE = "b2f1d0e3-6c8a-4f4b-9d32-4a0e1c2b3d01";
const MAPPINGS = [
    { dhq_store_id: "other", location_name: "Elsewhere" },
    { dhq_store_id: STORE, location_name: "Chicago Showroom" },
];

describe("RLM location name", () => {
    it("is the mapped name of the store's universal id, else the pipeline default", () => {
        expect(rlmLocationName(MAPPINGS, STORE)).toBe("Chicago Showroom");
        expect(rlmLocationName(MAPPINGS, "unmapped")).toBe("Per Pipeline configuration");
        expect(rlmLocationName(MAPPINGS, null)).toBe("Per Pipeline configuration");
        expect(rlmLocationName([{ dhq_store_id: STORE, location_name: null }], STORE)).toBe(
            "Per Pipeline configuration",
        );
    });
});

describe("RLM lead body", () => {
    it("maps a WEB2TEXT lead field for field", () => {
        const lead = web2TextLead({ Name: "  Jane   Q Public " });
        expect(toRlmLead(lead, "Chicago Showroom")).toEqual({
            location_name: "Chicago Showroom",
            divison_name: "Per Pipeline configuration",
            source_name: "Web2Text",
            first_name: "Jane",
            last_name: "Q Public",
            phone: CUSTOMER_PHONE,
            mobile_phone: CUSTOMER_PHONE,
            website: "www.prairie-floors.example",
            note: rlmLeadNote(lead),
        });
    });

    it("writes the note block, with the product line when the lead has one", () => {
        const lead = web2TextLead({
            AssociatedProductInfo: { Brand: "Shaw", Product: "Oak Natural", Variant: "Honey" },
        });
        expect(rlmLeadNote(lead)).toBe(
            [
                "Web2Text lead",
                "Page: https://www.prairie-floors.example/products/oak?utm=1",
                "Name: Jane Q Public",
                `Phone: ${CUSTOMER_PHONE}`,
                "Submitted: Tue, 03 Mar 2026 10:00:00 GMT",
                "Preferred contact: text",
                "Looking at Oak Natural by Shaw | Honey",
                "Message: Do you have white oak?\nThanks!",
            ].join("\n"),
        );
        expect(rlmLeadNote(web2TextLead())).not.toContain("Looking at");
    });

    it("keeps a single-word name as the first name", () => {
        expect(toRlmLead(web2TextLead({ Name: "Cher" }), "x")).toMatchObject({ first_name: "Cher", last_name: "" });
    });
});

describe("RLM notes", () => {
    it("maps a message with its sender, media lines and date", () => {
        const m = message({ body: "Photo attached", media: [{ sid: "ME1", filename: "floor.jpg" }] });
        expect(toRlmNote("uuid-1", m, "Jane Q Public")).toEqual({
            lead_uuid: "uuid-1",
            sender_phone: CUSTOMER_PHONE,
            sender_name: "Jane Q Public",
            message: "\n\nPhoto attached\n[MEDIA ATTACHMENT - floor.jpg]",
            date: m.dateCreated,
        });
    });

    it("posts the chatbot summary as the dealer from a placeholder phone, dated when the chat happened", () => {
        const note = toRlmSummaryNote("uuid-1", chatbotSummary(BOTPRESS_ROW), "2026-03-03T12:00:00.000Z");
        expect(note).toMatchObject({
            lead_uuid: "uuid-1",
            sender_phone: "+10000000",
            sender_name: "Dealer",
            date: "2026-03-03T09:55:00.000Z",
        });
        expect(note.message.startsWith("\n\nFibi Chatbot\n")).toBe(true);
    });
});
