import type { NexusDirectory } from "../../../../clients/nexus/nexus.client";
import type { NexusRetailer } from "../../../../clients/nexus/nexus.types";
import { invalid, nonexistent, type ValidationResult, valid } from "../../../validation";

const NAME = "Retailer";

/**
 * The retailer must exist in Nexus, must not be a churned customer, and must have no live (non-Cancelled)
 * subscription flagged as opted out of Web2Text.
 */
export async function checkRetailer(
    nexus: Pick<NexusDirectory, "getRetailer" | "getSubscriptions">,
    retailerId: string,
): Promise<ValidationResult> {
    return (await readRetailer(nexus, retailerId)).result;
}

/** {@link checkRetailer}, with the retailer Nexus answered (null when it does not know it). */
export async function readRetailer(
    nexus: Pick<NexusDirectory, "getRetailer" | "getSubscriptions">,
    retailerId: string,
): Promise<{ result: ValidationResult; retailer: NexusRetailer | null }> {
    const retailer = await nexus.getRetailer(retailerId);
    const verdict = (result: ValidationResult) => ({ result, retailer });
    if (!retailer) return verdict(nonexistent(NAME, "Could not find client with this UniversalRetailerId in Nexus"));
    if (retailer.status === "Churned_Customer") return verdict(invalid(NAME, "Retailer is a churned customer"));
    const subscriptions = (await nexus.getSubscriptions(retailerId)) ?? [];
    const optedOut = subscriptions.some((s) => s.status !== "Cancelled" && s.web2text_opt_out === true);
    if (optedOut) return verdict(invalid(NAME, "Retailer is opted out of Web2Text"));
    return verdict(valid(NAME));
}
