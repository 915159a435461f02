import type { NexusDirectory } from "../../../../clients/nexus/nexus.client";
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
    const retailer = await nexus.getRetailer(retailerId);
    if (!retailer) return nonexistent(NAME, "Could not find client with this UniversalRetailerId in Nexus");
    if (retailer.status === "Churned_Customer") return invalid(NAME, "Retailer is a churned customer");
    const subscriptions = (await nexus.getSubscriptions(retailerId)) ?? [];
    const optedOut = subscriptions.some((s) => s.status !== "Cancelled" && s.web2text_opt_out === true);
    if (optedOut) return invalid(NAME, "Retailer is opted out of Web2Text");
    return valid(NAME);
}
