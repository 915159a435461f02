import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import type { IntegrationContext } from "../integration";
import type { failureDetails } from "./integration-states";
import type { DirectoryLocation, DirectoryRetailer, RetailerDirectory } from "./retailer-directory";
import { tryStep } from "./try-step";

/** The lead's retailer and store as Nexus has them (null: Nexus does not know it). */
export interface LeadDirectory {
    retailer: DirectoryRetailer | null;
    location: DirectoryLocation | null;
}

export type LeadDirectoryOutcome =
    | { ok: true; value: LeadDirectory }
    | { ok: false; details: ReturnType<typeof failureDetails> };

/**
 * The lead's Nexus retailer and store for an integration: the answers its create kept (no call), else one
 * journaled read of both, shared with the integrations after it in the same pass (a lead taken over from
 * DynamoDB, or created before the answers were kept).
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
    if (retailer && location) ic.shared.directory = { retailer, location };
    return { ok: true, value: read.value };
}
