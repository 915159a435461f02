import type { ConversationAttributes } from "../../clients/twilio/conversation-attributes";
import type { ArrivalHours } from "../../lead/store-hours/arrival-hours";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import type { DealerInfo } from "./dealer-info";
import { customerGreeting, dealerGreeting } from "./messages";
import { type ConversationPlan, conversationFriendlyName } from "./open-conversation";

/** Settings of the Twilio integration, from configuration. */
export interface TwilioSettings {
    messagingServiceSid: string;
    /** Public Restate ingress: the conversation webhooks point at `<it>/TwilioWebhooks/…`. */
    publicIngressUrl: string;
    inactiveTimer?: string | undefined;
    closedTimer?: string | undefined;
    /** Recorded in the conversation attributes (`Environment`). */
    environment: { local: boolean; environment: string };
}

/** The thread a lead needs: its two numbers, friendly name, timers and the attributes of reference §4.1. */
export function conversationPlan(
    lead: Web2TextSubmittedLead,
    dealer: DealerInfo,
    storePhone: string,
    settings: TwilioSettings,
): ConversationPlan {
    const attributes: ConversationAttributes = {
        LeadIds: [lead.LeadId],
        DealerName: dealer.dealerName,
        ...(dealer.dealerUrl ? { DealerURL: dealer.dealerUrl } : {}),
        StorePhoneNumber: storePhone,
        CustomerName: lead.Lead.Name,
        UniversalRetailerId: lead.UniversalRetailerId,
        LocationID: lead.Lead.LocationId,
        Environment: settings.environment,
    };
    return {
        leadId: lead.LeadId,
        customerPhone: lead.Lead.PhoneNumber,
        storePhone,
        messagingServiceSid: settings.messagingServiceSid,
        friendlyName: conversationFriendlyName(dealer.dealerName, dealer.locationName, lead.Lead.PhoneNumber),
        attributes,
        timers: { inactive: settings.inactiveTimer, closed: settings.closedTimer },
    };
}

/**
 * The two greetings of a lead: the "new lead" card for the store and the welcome for the customer; both say when
 * the store opens when the lead arrived while it was closed.
 */
export function greetings(
    lead: Web2TextSubmittedLead,
    dealer: DealerInfo,
    arrival: ArrivalHours,
): { dealer: string; customer: string } {
    const w2t = lead.Lead;
    const product = w2t.AssociatedProductInfo;
    const opensAt = arrival.kind === "closed" ? arrival.opens : undefined;
    return {
        dealer: dealerGreeting({
            customerName: w2t.Name,
            customerPhone: w2t.PhoneNumber,
            locationName: dealer.locationName,
            preferredMethodOfContact: w2t.PreferredMethodOfContact,
            pageUrl: w2t.PageUrl,
            customerMessage: w2t.CustomerMessage,
            product: product && { brand: product.Brand, product: product.Product, variant: product.Variant },
            opensAt,
        }),
        customer: customerGreeting({
            dealerName: dealer.dealerName,
            preferredMethodOfContact: w2t.PreferredMethodOfContact,
            opensAt,
        }),
    };
}
