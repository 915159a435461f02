import type { DhqComment, DhqStoreInquiry } from "../../clients/dhq/dhq.schemas";
import type { ConversationMessage } from "../../clients/twilio/conversations.types";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import { type ChatbotSummary, messageText } from "../shared/message-text";
import type { DirectoryLocation } from "../shared/retailer-directory";

/** The DealerHQ user every Web2Text comment is posted as. */
export const DHQ_AUTHOR_ID = 262;

/** DealerHQ requires an e-mail on an inquiry; Web2Text customers give none, so one is derived from the phone. */
export function syntheticEmail(phone: string): string {
    return `web2text+${phone.replace(/\D/g, "")}@broadlume.com`;
}

/** DealerHQ's Markdown renderer joins single newlines, so every newline is doubled. */
export function doubleNewlines(text: string): string {
    return text.replace(/\r?\n/g, "\n\n");
}

/** The store inquiry that creates the DHQ lead. */
export function toDhqInquiry(
    lead: Web2TextSubmittedLead,
    store: DirectoryLocation & { universal_id: string },
    conversationSid: string | undefined,
): DhqStoreInquiry {
    const l = lead.Lead;
    const product = l.AssociatedProductInfo;
    const address = store.street_address ?? undefined;
    return {
        occurred_at: lead.DateSubmitted,
        ...(address ? { store_address: address } : {}),
        universal_store_id: store.universal_id,
        traffic: { source: "Other", medium: "Referral", campaign: "Web2Text" },
        inquiry: {
            contact_method: "cys_inquiry",
            email: syntheticEmail(l.PhoneNumber),
            external_id: lead.LeadId,
            message: l.CustomerMessage,
            name: l.Name,
            page_url: l.PageUrl,
            phone_number: l.PhoneNumber,
            ...(address ? { preferred_location: address } : {}),
            ...(product ? { product: { brand: product.Brand, name: product.Product, color: product.Variant } } : {}),
        },
        custom_fields: [
            { name: "Web2TextLeadID", value: lead.LeadId, displayable: false },
            { name: "Twilio Conversation SID", value: conversationSid ?? "null", displayable: false },
        ],
    };
}

/** One conversation message as a DHQ comment: bold "| sender" line, then the text with newlines doubled. */
export function toDhqComment(message: ConversationMessage, sender: string): DhqComment {
    return { body: `**| ${sender}**\n\n${doubleNewlines(messageText(message))}`, author_id: DHQ_AUTHOR_ID };
}

/** The Botpress chatbot summary as a DHQ comment. */
export function toDhqSummaryComment(summary: ChatbotSummary): DhqComment {
    const topics = summary.topics.length > 0 ? summary.topics.map((t) => `- ${t}`) : ["No topics detected"];
    const body = [
        `**${summary.title}**`,
        "**Topics:**",
        topics.join("\n"),
        "**Summary:**",
        doubleNewlines(summary.summary),
    ].join("\n\n");
    return { body, author_id: DHQ_AUTHOR_ID };
}
