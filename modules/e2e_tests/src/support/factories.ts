import { retailerFor } from "sandbox";

/** A fictitious US mobile number (555-01xx range) that the sandbox Lookup reports as a valid mobile. */
export function customerPhone(): string {
    const area = ["312", "773", "847", "630"][Math.floor(Math.random() * 4)];
    return `+1${area}55501${String(Math.floor(Math.random() * 100)).padStart(2, "0")}`;
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
