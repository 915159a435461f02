/** The retailer fields RLM needs. */
export interface DirectoryRetailer {
    rlm_api_key?: string | null | undefined;
}

/** The store (location) fields RLM and DealerHQ need. */
export interface DirectoryLocation {
    universal_id?: string | null | undefined;
    street_address?: string | null | undefined;
    location_name?: string | null | undefined;
}

/**
 * The Nexus reads RLM and DHQ depend on (the Nexus client satisfies it); `null` means "no such record".
 * Calls leave the process, so integrations run them inside journaled steps.
 */
export interface RetailerDirectory {
    getRetailer(retailerId: string): Promise<DirectoryRetailer | null>;
    getLocation(locationId: string): Promise<DirectoryLocation | null>;
}

/** Picks the journaled (JSON-safe) fields of a store. */
export function pickLocation(location: DirectoryLocation | null): DirectoryLocation | null {
    if (!location) return null;
    return {
        universal_id: location.universal_id ?? null,
        street_address: location.street_address ?? null,
        location_name: location.location_name ?? null,
    };
}
