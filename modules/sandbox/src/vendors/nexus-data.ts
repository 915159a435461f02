import type { Seed, SeedLocation, SeedRetailer } from "../seed";
import type { StoreHoursOverrides } from "./nexus-hours";

/** A Nexus retailer as the old API returns it (fields the lead processor reads, plus a few it ignores). */
export function retailerBody(retailer: SeedRetailer) {
    return {
        id: retailer.UniversalRetailerId,
        name: retailer.name,
        status: retailer.status,
        website_url: retailer.website_url,
        rlm_api_key: retailer.rlm_api_key,
        salesforce_url: null,
        account_manager: null,
    };
}

/**
 * A retailer location (store) as AWS Nexus `retailerLocations` and `location` return it, with its coordinates
 * and hours of operation (the seed's, or those a test set).
 */
export function locationBody(retailer: SeedRetailer, location: SeedLocation, hours: StoreHoursOverrides) {
    return {
        ...location,
        location_id: location.id,
        store_name: location.location_name,
        retailer_id: retailer.UniversalRetailerId,
        retailer_account_name: retailer.name,
        store_type: "Retail",
        hours_of_operation: hours.of(location),
    };
}

/** A store's opening hours as the old API's `/retailers/{id}/stores` returns them (the same hours). */
export function storeHoursBody(location: SeedLocation, hours: StoreHoursOverrides) {
    return {
        id: location.id,
        location_id: location.id,
        store_name: location.location_name,
        hours_of_operation: hours.of(location),
    };
}

/** Lookups over the seeded retailers. */
export function nexusData(seed: Seed) {
    return {
        retailer: (id: string | null | undefined) => seed.retailers.find((r) => r.UniversalRetailerId === id),
        location: (id: string) => {
            for (const retailer of seed.retailers) {
                const location = retailer.locations.find((l) => l.id === id);
                if (location) return { retailer, location };
            }
            return undefined;
        },
    };
}
