// Every SMS text the product sends, in one place. Placeholders are filled by the functions below; nothing
// else in the codebase writes message copy.

export interface CustomerGreetingInput {
    dealerName: string;
    preferredMethodOfContact: "phone" | "text";
    /** When the lead arrived while the store was closed: when it opens next, in its own time ("Tuesday at 9:00 AM"). */
    opensAt?: string | undefined;
}

/**
 * Sent to the customer when a lead opens: who facilitates the thread, who will answer (and, after hours, that the
 * store is closed and when it opens), how to opt out. Both versions stay within {@link GREETING_SEGMENT_BUDGET}
 * for dealer names up to {@link BUDGETED_NAME_LENGTH} GSM-7 characters.
 */
export function customerGreeting(input: CustomerGreetingInput): string {
    const how = input.preferredMethodOfContact === "phone" ? "a phone call" : "text message";
    const answer = input.opensAt
        ? `You're now connected with ${input.dealerName}. The store is closed now; they will reply by ${how} when it opens ${input.opensAt}.`
        : `You're now connected with ${input.dealerName}, who will reply by ${how} shortly.`;
    return [
        "Broadlume, a flooring software company, facilitates this conversation.",
        answer,
        "Reply STOP to opt out of text messages.",
    ].join(" ");
}

/** SMS segments a customer greeting may take (GSM-7: 160 characters alone, 153 per part when split). */
export const GREETING_SEGMENT_BUDGET = 2;
/** The longest dealer name (GSM-7 characters) the budget is checked for; longer names cost a segment more. */
export const BUDGETED_NAME_LENGTH = 60;

export interface DealerGreetingInput {
    customerName: string;
    customerPhone: string;
    locationName: string;
    preferredMethodOfContact: "phone" | "text";
    pageUrl: string;
    customerMessage: string;
    product?: { brand: string; product: string; variant: string } | undefined;
    /** When the customer wrote while the store was closed: when it opens next (what the customer was told). */
    opensAt?: string | undefined;
}

/**
 * Sent to the store when a lead opens: a "new Web2Text lead" card with the customer's message (after hours, a
 * line saying so and what the customer was told).
 */
export function dealerGreeting(input: DealerGreetingInput): string {
    const lines = [
        "New Web2Text lead",
        ...(input.opensAt
            ? [`Written after hours; the customer was told you will reply when the store opens ${input.opensAt}.`]
            : []),
        `Name: ${input.customerName}`,
        `Phone: ${input.customerPhone}`,
        `Location: ${input.locationName}`,
        `Preferred contact: ${input.preferredMethodOfContact}`,
        `Last page: ${input.pageUrl}`,
    ];
    if (input.product) {
        lines.push(
            "",
            "Interested in:",
            `Brand: ${input.product.brand}`,
            `Product line: ${input.product.product}`,
            `Color/variant: ${input.product.variant}`,
        );
    }
    lines.push("", "Message:", input.customerMessage, "", "Reply to this text to answer the customer.");
    return lines.join("\n");
}

export interface CustomerCloseInput {
    dealerName?: string | undefined;
    dealerUrl?: string | undefined;
    storePhone?: string | undefined;
}

/** Reply to a customer who texts a thread that has expired. */
export function customerThreadExpired(input: CustomerCloseInput): string {
    const base = "This text thread has expired and messages sent here are no longer delivered.";
    if (!input.dealerName || (!input.dealerUrl && !input.storePhone)) return base;
    const ways = [input.dealerUrl && `visit ${input.dealerUrl}`, input.storePhone && `call ${input.storePhone}`]
        .filter(Boolean)
        .join(" or ");
    return `${base} To reach ${input.dealerName}, please ${ways}.`;
}

export interface DealerCloseInput {
    customerName?: string | undefined;
    reason?: string | undefined;
}

/** Sent to the store when the last lead of a thread closes (and as the reply when it texts an expired thread). */
export function dealerThreadExpired(input: DealerCloseInput): string {
    const who = input.customerName ? `with ${input.customerName} ` : "";
    const text = `This Web2Text thread ${who}has expired and messages sent here are no longer delivered. Please contact the customer directly.`;
    return input.reason ? `${text}\n\nReason: ${input.reason}` : text;
}

/** TwiML reply to a store number that texted STOP: what it means and how to undo it. */
export function dealerOptOutWarning(): string {
    return [
        "You have opted out of Web2Text messages, so customers' texts to your store will not reach you.",
        "Reply START to opt back in.",
        "Please contact your Broadlume account manager: opting out stops new website leads from reaching your business.",
    ].join(" ");
}

/** Close reasons used by the product (the first recorded reason of a lead is kept). */
export const CloseReasons = {
    notSpecified: "Not specified",
    byAdministrator: "Closed by Administrator",
    inactivity: "Inactivity",
    oneParticipantLeft: "One or fewer participants left in conversation",
    customerOptedOut: "Customer opted out of text messaging",
    participantOptedOut: "Participant opted out of text messaging",
} as const;
