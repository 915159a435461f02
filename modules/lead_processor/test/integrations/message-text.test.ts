import { describe, expect, it } from "vitest";
import { isSystemMessage } from "../../src/clients/twilio/conversation-messages";
import { productLine, splitName } from "../../src/integrations/shared/lead-text";
import {
    chatbotSummary,
    chatbotSummaryText,
    isPhoneAuthor,
    messageText,
    senderName,
} from "../../src/integrations/shared/message-text";
import { BOTPRESS_ROW, CUSTOMER_PHONE, message, STORE_PHONE } from "./fixtures";

const names = { customerPhone: CUSTOMER_PHONE, customerName: "Jane Q Public" };

describe("splitName", () => {
    it.each([
        ["Jane Public", "Jane", "Public"],
        ["Jane Q Public", "Jane", "Q Public"],
        ["Cher", "Cher", ""],
        ["  Jane   Q    Public  ", "Jane", "Q Public"],
        ["Jane\tPublic", "Jane", "Public"],
        ["   ", "", ""],
    ])("%j → %j / %j", (full, firstName, lastName) => {
        expect(splitName(full)).toEqual({ firstName, lastName });
    });
});

describe("productLine", () => {
    it("names product, brand and variant", () => {
        expect(productLine({ Brand: "Shaw", Product: "Oak Natural", Variant: "Honey" })).toBe(
            "Looking at Oak Natural by Shaw | Honey",
        );
        expect(productLine(undefined)).toBeUndefined();
    });
});

describe("sender naming", () => {
    it("names the customer, the dealer and the system", () => {
        expect(senderName(message({ author: CUSTOMER_PHONE }), names)).toBe("Jane Q Public");
        expect(senderName(message({ author: STORE_PHONE }), names)).toBe("Dealer");
        expect(senderName(message({ author: CUSTOMER_PHONE, attributes: { SystemMessage: true } }), names)).toBe(
            "System",
        );
        expect(senderName(message({ author: STORE_PHONE, attributes: { SystemMessage: "true" } }), names)).toBe(
            "System",
        );
        expect(isSystemMessage(message({ attributes: { SystemMessage: false } }))).toBe(false);
    });

    it("copies only messages whose author is a phone number", () => {
        expect(isPhoneAuthor(message({ author: CUSTOMER_PHONE }))).toBe(true);
        expect(isPhoneAuthor(message({ author: "Broadlume" }))).toBe(false);
        expect(isPhoneAuthor(message({ author: "system" }))).toBe(false);
        expect(isPhoneAuthor(message({ author: null }))).toBe(false);
        expect(isPhoneAuthor(message({ author: "3125550199" }))).toBe(false);
    });
});

describe("messageText", () => {
    it("appends one line per media item", () => {
        const m = message({
            body: "Here are photos",
            media: [
                { sid: "ME1", filename: "kitchen.jpg" },
                { sid: "ME2", filename: null },
            ],
        });
        expect(messageText(m)).toBe("Here are photos\n[MEDIA ATTACHMENT - kitchen.jpg]\n[MEDIA ATTACHMENT - ME2]");
    });

    it("handles media-only and text-only messages", () => {
        expect(messageText(message({ body: "", media: [{ sid: "ME3", filename: "a.png" }] }))).toBe(
            "[MEDIA ATTACHMENT - a.png]",
        );
        expect(messageText(message({ body: "line 1\nline 2" }))).toBe("line 1\nline 2");
    });
});

describe("chatbot summary", () => {
    it("lists topics then the summary", () => {
        expect(chatbotSummaryText(chatbotSummary(BOTPRESS_ROW))).toBe(
            [
                "Fibi Chatbot",
                "",
                "Topics:",
                "- luxury vinyl",
                "- basement",
                "",
                "Summary:",
                "Wants waterproof vinyl for a basement.",
            ].join("\n"),
        );
    });

    it("says when no topics were detected", () => {
        const text = chatbotSummaryText(chatbotSummary({ ...BOTPRESS_ROW, topics: null, summary: null }));
        expect(text).toBe("Fibi Chatbot\n\nTopics:\nNo topics detected\n\nSummary:\nNo summary provided");
    });
});
