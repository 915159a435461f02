import { type StoreHours, storeHoursOf } from "../../lead/store-hours/store-hours";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import type { IntegrationContext } from "../integration";
import type { failureDetails } from "./integration-states";
import type { DirectoryLocation, DirectoryRetailer, RetailerDirectory } from "./retailer-directory";
import { tryStep } from "./try-step";

/** The lead's retailer and store as Nexus has them (null: Nexus does not know it), and the store's hours. */
export interface LeadDirectory {
    retailer: DirectoryRetailer | null;
    location: DirectoryLocation | null;
    hours?: StoreHours | undefined;
}

export type LeadDirectoryOutcome =
    | { ok: true; value: LeadDirectory }
    | { ok: false; details: ReturnType<typeof failureDetails> };

/**
 * The lead's Nexus retailer and store for an integration: the answers its create kept (no call), else one
 * journaled read of both, shared with the integrations after it in the same pass (a lead taken over from
 * DynamoDB, or created before the answers were kept); the store's hours are then read from that location alone.
 */
export async function leadDirectory(
    ic: IntegrationContext<Web2TextSubmittedLead>,
    directory: RetailerDirectory,
): Promise<LeadDirectoryOutcome> {
    const kept = ic.shared.directory;
    if (kept) return { ok: true, value: kept };
    const { lead } = ic;
    const read = await tryStep(ic.ctx, "Fetch Nexus store and retailer", async () => {
        const [retailer, location] = await Promise.all([
            directory.getRetailer(lead.UniversalRetailerId),
            directory.getLocation(lead.Lead.LocationId),
        ]);
        return { retailer, location };
    });
    if (!read.ok) return read;
    const { retailer, location } = read.value;
    const hours = location ? storeHoursOf(location) : undefined;
    if (retailer && location) ic.shared.directory = { retailer, location, hours };
    return { ok: true, value: { retailer, location, hours } };
}
