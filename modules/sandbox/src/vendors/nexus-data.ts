import type { Seed, SeedLocation, SeedRetailer } from "../seed";

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

/** Opening hours every seeded store keeps (the seed does not vary them). */
export const STORE_HOURS = {
    monday: "9:00 AM - 6:00 PM",
    tuesday: "9:00 AM - 6:00 PM",
    wednesday: "9:00 AM - 6:00 PM",
    thursday: "9:00 AM - 8:00 PM",
    friday: "9:00 AM - 6:00 PM",
    saturday: "10:00 AM - 4:00 PM",
    sunday: "Closed",
};

/** A retailer location (store) as AWS Nexus `retailerLocations` and `location` return it. */
export function locationBody(retailer: SeedRetailer, location: SeedLocation) {
    return {
        ...location,
        location_id: location.id,
        store_name: location.location_name,
        retailer_id: retailer.UniversalRetailerId,
        retailer_account_name: retailer.name,
        store_type: "Retail",
        hours_of_operation: STORE_HOURS,
        latitude: null,
        longitude: null,
    };
}

/** A store's opening hours as the old API's `/retailers/{id}/stores` returns them. */
export function storeHoursBody(location: SeedLocation) {
    return {
        id: location.id,
        location_id: location.id,
        store_name: location.location_name,
        hours_of_operation: STORE_HOURS,
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
