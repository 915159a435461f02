import { retailerFor } from "sandbox";

const AREA_CODES = ["312", "773", "872", "630", "708"];

/**
 * A fresh customer number: one of 4 million per area code, outside the 555 exchange the seed's stores and pool
 * use, so tests sharing a stack do not text (or opt out) from each other's phone (a draw from 100 numbers did).
 */
export function customerPhone(): string {
    const area = AREA_CODES[Math.floor(Math.random() * AREA_CODES.length)] ?? "312";
    let exchange = 200 + Math.floor(Math.random() * 800);
    if (exchange === 555) exchange = 556;
    const line = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
    return `+1${area}${exchange}${line}`;
}

/** A valid WEB2TEXT create request for the seeded `valid` retailer's first location. */
export function web2TextRequest(overrides: { Lead?: Record<string, unknown>; [key: string]: unknown } = {}) {
    const retailer = retailerFor("valid");
    const location = retailer.locations[0];
    if (!location) throw new Error("the valid retailer has no location");
    const { Lead, ...top } = overrides;
    return {
        LeadType: "WEB2TEXT",
        UniversalRetailerId: retailer.UniversalRetailerId,
        SyncImmediately: false,
        Lead: {
            LocationId: location.id,
            PageUrl: "https://prairie-floors.example/products/oak",
            Name: "Dana Customer",
            PhoneNumber: customerPhone(),
            CustomerMessage: "Do you have this oak floor in stock?",
            PreferredMethodOfContact: "text",
            ...Lead,
        },
        ...top,
    };
}

/** A valid ACTON create request (any UniversalRetailerId: ActOn leads need no Nexus checks). */
export function actOnRequest(overrides: { Lead?: Record<string, unknown>; [key: string]: unknown } = {}) {
    const { Lead, ...top } = overrides;
    return {
        LeadType: "ACTON",
        UniversalRetailerId: crypto.randomUUID(),
        SyncImmediately: false,
        Lead: {
            "First Name": "Robin",
            "Last Name": "Buyer",
            "E-mail Address": `robin.${crypto.randomUUID().slice(0, 8)}@example.com`,
            "Home Postal Code": "60601",
            preferred_location: "Chicago",
            formname: "Contact Form",
            listId: "l-0001",
            ...Lead,
        },
        ...top,
    };
}
