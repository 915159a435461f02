/**
 * Every endpoint string an API key can be authorized for (`AuthorizedEndpoints`), besides `*`. They have no
 * leading slash, and Admin's carry the operation.
 */
export const KNOWN_ENDPOINTS = [
    "Lead/status",
    "Lead/create",
    "Lead/sync",
    "Lead/close",
    "Dealer/status",
    "Admin/bulk/SYNC",
    "Admin/bulk/CLOSE",
    "Admin/bulk/FIND",
    // The production system's string for TwilioWebhooks/checkOptInStatus; existing keys carry it.
    "TwilioWebhooks/getOptInNumber",
] as const;
