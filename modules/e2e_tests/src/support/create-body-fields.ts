/** Dotted paths of the fields a create body must have, per lead type (malformed-body tests drop each one). */
export const REQUIRED_CREATE_FIELDS = {
    WEB2TEXT: [
        "LeadType",
        "UniversalRetailerId",
        "Lead",
        "Lead.LocationId",
        "Lead.PageUrl",
        "Lead.Name",
        "Lead.PhoneNumber",
        "Lead.CustomerMessage",
    ],
    ACTON: [
        "LeadType",
        "UniversalRetailerId",
        "Lead",
        "Lead.First Name",
        "Lead.Last Name",
        "Lead.E-mail Address",
        "Lead.Home Postal Code",
        "Lead.preferred_location",
    ],
} as const;
