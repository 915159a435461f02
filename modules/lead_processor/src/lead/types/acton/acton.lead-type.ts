import type { LeadTypeDefinition } from "../../lead-type";
import { actOnSchemas } from "./acton.schema";
import { validateActOnLead } from "./acton.validator";

/** ACTON: a marketing form post, forwarded to the ActOn list, then to FloorForce. */
export const actOnLeadType: LeadTypeDefinition<typeof actOnSchemas> = {
    ...actOnSchemas,
    validator: () => ({ validate: (request) => validateActOnLead(request) }),
    integrations: ["ActOn", "FloorForce"],
    // Both are one-off posts: nothing outside changes afterwards that the lead must pick up.
    reconciles: false,
};
