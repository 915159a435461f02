import { E164 } from "common";
import type { BotpressConversationRow } from "../../clients/botpress/botpress.schemas";
import { isSystemMessage } from "../../clients/twilio/conversation-messages";
import type { ConversationMessage } from "../../clients/twilio/conversations.types";

/** Who the lead-tracking systems show as the sender of a message. */
export interface SenderNames {
    customerPhone: string;
    customerName: string;
}

/** Messages whose author is not a phone number (e.g. the `Broadlume` chat identity) are not copied. */
export function isPhoneAuthor(message: ConversationMessage): boolean {
    return message.author !== null && E164.safeParse(message.author).success;
}

/** "System" for the product's own messages, the customer's name for theirs, "Dealer" for everyone else. */
export function senderName(message: ConversationMessage, names: SenderNames): string {
    if (isSystemMessage(message)) return "System";
    return message.author === names.customerPhone ? names.customerName : "Dealer";
}

/** The message body followed by one `[MEDIA ATTACHMENT - <filename>]` line per media item. */
export function messageText(message: ConversationMessage): string {
    const media = message.media.map((m) => `[MEDIA ATTACHMENT - ${m.filename ?? m.sid ?? "unnamed"}]`);
    return [message.body ?? "", ...media].filter((line) => line.length > 0).join("\n");
}

/** The parts of the "Fibi Chatbot" summary note, formatted per vendor. */
export interface ChatbotSummary {
    title: string;
    topics: string[];
    summary: string;
    /** When the chatbot conversation was recorded, if Botpress says. */
    date: string | undefined;
}

/** Title of the Botpress chatbot summary note. */
export const CHATBOT_TITLE = "Fibi Chatbot";

/** Reads the summary note's parts from a Botpress conversation row. */
export function chatbotSummary(row: BotpressConversationRow): ChatbotSummary {
    const summary = row.summary?.trim();
    return {
        title: CHATBOT_TITLE,
        topics: (row.topics ?? []).map((t) => t.trim()).filter((t) => t.length > 0),
        summary: summary ? summary : "No summary provided",
        date: row.createdAt,
    };
}

/** Plain-text form of the chatbot summary (RLM notes). */
export function chatbotSummaryText(summary: ChatbotSummary): string {
    const topics = summary.topics.length > 0 ? summary.topics.map((t) => `- ${t}`) : ["No topics detected"];
    return [summary.title, "", "Topics:", ...topics, "", "Summary:", summary.summary].join("\n");
}
