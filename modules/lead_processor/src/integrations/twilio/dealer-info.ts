import type { NexusDirectory } from "../../clients/nexus/nexus.client";

/** The Nexus facts the Web2Text thread needs: who the dealer is, which store, and its Web2Text number. */
export interface DealerInfo {
    dealerName: string;
    dealerUrl: string | null;
    /** The location's name, else its street address. */
    locationName: string;
    /** `Web2Text_Phone_Number` as Nexus has it (not yet E.164). */
    web2TextNumber: string | null;
}

/** Reads the lead's store and retailer from Nexus; a missing record is a problem, not an exception. */
export async function readDealerInfo(
    directory: Pick<NexusDirectory, "getRetailer" | "getLocation">,
    retailerId: string,
    locationId: string,
): Promise<DealerInfo | { problem: string }> {
    const [location, retailer] = await Promise.all([
        directory.getLocation(locationId),
        directory.getRetailer(retailerId),
    ]);
    if (!location) return { problem: `Location info is missing for LocationId '${locationId}' in Nexus` };
    if (!retailer) return { problem: `Retailer info is missing for UniversalRetailerId '${retailerId}' in Nexus` };
    const dealerName = retailer.name?.trim() || location.retailer_account_name?.trim() || "your dealer";
    return {
        dealerName,
        dealerUrl: retailer.website_url?.trim() || null,
        locationName: location.location_name?.trim() || location.street_address?.trim() || dealerName,
        web2TextNumber: location.Web2Text_Phone_Number?.trim() || null,
    };
}
