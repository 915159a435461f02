/**
 * Every endpoint string an API key can be authorized for (`AuthorizedEndpoints`), besides `*`. They have no
 * leading slash, and Admin's carry the operation.
 */
export const KNOWN_ENDPOINTS = [
    "Lead/status",
    "Lead/create",
    "Lead/sync",
    "Lead/close",
    "Lead/openLead",
    "Dealer/status",
    "Admin/bulk/SYNC",
    "Admin/bulk/CLOSE",
    "Admin/bulk/FIND",
    "Admin/erase",
    // The production system's string for TwilioWebhooks/checkOptInStatus; existing keys carry it.
    "TwilioWebhooks/getOptInNumber",
] as const;

/**
 * Endpoints only the lead processor calls on itself. A key passes only with `*` (besides the internal
 * credential): listing one of these in `AuthorizedEndpoints` grants nothing.
 */
export const INTERNAL_ENDPOINTS: readonly string[] = [
    "Lead/reconcile",
    "Lead/expire",
    "Lead/erase",
    "OpenLeads/add",
    "OpenLeads/claim",
    "OpenLeads/forget",
];
