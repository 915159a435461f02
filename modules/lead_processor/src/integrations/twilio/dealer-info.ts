import type { LeadDirectory } from "../shared/lead-directory";

/** The Nexus facts the Web2Text thread needs: who the dealer is, which store, and its Web2Text number. */
export interface DealerInfo {
    dealerName: string;
    dealerUrl: string | null;
    /** The location's name, else its street address. */
    locationName: string;
    /** `Web2Text_Phone_Number` as Nexus has it (not yet E.164). */
    web2TextNumber: string | null;
}

/** The dealer facts from the lead's store and retailer; a missing record is a problem, not an exception. */
export function dealerInfo(
    { location, retailer }: LeadDirectory,
    retailerId: string,
    locationId: string,
): DealerInfo | { problem: string } {
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
