import type { RlmLead, RlmNote } from "../../clients/rlm/rlm.schemas";
import type { ConversationMessage } from "../../clients/twilio/conversations.types";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import { productLine, splitName } from "../shared/lead-text";
import { type ChatbotSummary, chatbotSummaryText, messageText } from "../shared/message-text";

/** RLM's default location and division: the retailer's pipeline decides. */
export const RLM_DEFAULT_LOCATION = "Per Pipeline configuration";
/** The sender phone of notes that did not come from an SMS (the chatbot summary). */
export const RLM_PLACEHOLDER_PHONE = "+10000000";

/** The RLM location name of a store: the mapping row whose `dhq_store_id` is the store's universal id. */
export function rlmLocationName(
    mappings: readonly { dhq_store_id?: string | null | undefined; location_name?: string | null | undefined }[],
    universalStoreId: string | null | undefined,
): string {
    if (!universalStoreId) return RLM_DEFAULT_LOCATION;
    const row = mappings.find((m) => m.dhq_store_id === universalStoreId && m.location_name);
    return row?.location_name ?? RLM_DEFAULT_LOCATION;
}

/** The note block of a new RLM lead: where the customer wrote from, who they are, what they asked. */
export function rlmLeadNote(lead: Web2TextSubmittedLead): string {
    const l = lead.Lead;
    const product = productLine(l.AssociatedProductInfo);
    return [
        "Web2Text lead",
        `Page: ${l.PageUrl}`,
        `Name: ${l.Name}`,
        `Phone: ${l.PhoneNumber}`,
        `Submitted: ${new Date(lead.DateSubmitted).toUTCString()}`,
        `Preferred contact: ${l.PreferredMethodOfContact}`,
        ...(product ? [product] : []),
        `Message: ${l.CustomerMessage}`,
    ].join("\n");
}

/** The `lead` body of the RLM lead create. */
export function toRlmLead(lead: Web2TextSubmittedLead, locationName: string): RlmLead {
    const { firstName, lastName } = splitName(lead.Lead.Name);
    return {
        location_name: locationName,
        divison_name: RLM_DEFAULT_LOCATION,
        source_name: "Web2Text",
        first_name: firstName,
        last_name: lastName,
        phone: lead.Lead.PhoneNumber,
        mobile_phone: lead.Lead.PhoneNumber,
        website: new URL(lead.Lead.PageUrl).hostname,
        note: rlmLeadNote(lead),
    };
}

/** One conversation message as an RLM note (text after two blank lines, as RLM shows it under its header). */
export function toRlmNote(leadUuid: string, message: ConversationMessage, sender: string): RlmNote {
    return {
        lead_uuid: leadUuid,
        sender_phone: message.author ?? "",
        sender_name: sender,
        message: `\n\n${messageText(message)}`,
        date: message.dateCreated,
    };
}

/** The Botpress chatbot summary as an RLM note, dated when the chat happened (else `fallbackDate`). */
export function toRlmSummaryNote(leadUuid: string, summary: ChatbotSummary, fallbackDate: string): RlmNote {
    return {
        lead_uuid: leadUuid,
        sender_phone: RLM_PLACEHOLDER_PHONE,
        sender_name: "Dealer",
        message: `\n\n${chatbotSummaryText(summary)}`,
        date: summary.date ?? fallbackDate,
    };
}
