import type { StoreHoursSource } from "../../lead/store-hours/store-hours";

/** The retailer fields the integrations read (RLM's key; the dealer's name and site for the greetings). */
export interface DirectoryRetailer {
    rlm_api_key?: string | null | undefined;
    name?: string | null | undefined;
    website_url?: string | null | undefined;
}

/** The store (location) fields the integrations read (RLM, DealerHQ, the thread's number and names, its hours). */
export interface DirectoryLocation extends StoreHoursSource {
    universal_id?: string | null | undefined;
    street_address?: string | null | undefined;
    location_name?: string | null | undefined;
    retailer_account_name?: string | null | undefined;
    Web2Text_Phone_Number?: string | null | undefined;
}

/**
 * The Nexus reads the integrations depend on (the Nexus client satisfies it); `null` means "no such record".
 * Calls leave the process, so integrations run them inside journaled steps.
 */
export interface RetailerDirectory {
    getRetailer(retailerId: string): Promise<DirectoryRetailer | null>;
    getLocation(locationId: string): Promise<DirectoryLocation | null>;
}
