import { IsoDateTime, Uuid } from "common";
import { z } from "zod";

/** The schema version of leads this code writes. */
export const CURRENT_SCHEMA_VERSION = "2.0.0";

export const SyncStatus = z.enum(["NOT SYNCED", "SYNCED", "ERROR", "CLOSED"]);
export type SyncStatus = z.infer<typeof SyncStatus>;

/** Per-integration state kept on the lead (`Integrations.<Name>`). */
export const IntegrationState = z.object({
    SyncStatus,
    /** Integration-specific data (ids at the vendor, synced message ids…). */
    Data: z.unknown().optional(),
    LastSynced: IsoDateTime.optional(),
    ErrorInfo: z
        .object({ Message: z.string(), Details: z.unknown().optional(), ErrorDate: IsoDateTime.optional() })
        .optional(),
});
export type IntegrationState = z.infer<typeof IntegrationState>;

export const LeadStatus = z.enum(["ACTIVE", "SYNCING", "CLOSED"]);
export type LeadStatus = z.infer<typeof LeadStatus>;

/** Fields of `POST /Lead/{id}/create` besides `LeadType` and `Lead`. */
const requestFields = {
    /** Kept for callers that send it; stored leads always carry the current schema version. */
    SchemaVersion: z.string().max(20).default("2.0.0"),
    UniversalRetailerId: Uuid,
    /** Send `sync` right after create (default true). */
    SyncImmediately: z.boolean().default(true),
};

/** Fields of a stored lead besides `LeadType` and `Lead`. */
const storedFields = {
    SchemaVersion: z.string().default("2.0.0"),
    LeadId: Uuid,
    Status: LeadStatus,
    UniversalRetailerId: Uuid,
    DateSubmitted: IsoDateTime,
    CloseReason: z.string().optional(),
    Integrations: z.record(z.string(), IntegrationState),
};

/**
 * `ReplaceOpenLead` of a create request, as a lead type kept in the open-lead index accepts it: `true` closes the
 * customer's open lead at the same store ("Replaced by lead <new id>") as the new one is created.
 */
export const ReplaceOpenLeadAccepted = z.boolean({ error: "must be true or false" }).optional();
/** `ReplaceOpenLead` for the other lead types: refused with a 400 naming the field rather than silently dropped. */
export const ReplaceOpenLeadRefused = ReplaceOpenLeadAccepted.refine(
    (value) => value === undefined,
    "is accepted only for WEB2TEXT leads",
);

/**
 * The create request and the stored lead of one lead type, from its `LeadType` name, the schema of its `Lead`
 * payload and whether its create takes `ReplaceOpenLead` (one of the two schemas above): the variants
 * `CreateLeadRequest` and `SubmittedLead` are unions of.
 */
export function leadTypeSchemas<const T extends string, P extends z.ZodType>(
    type: T,
    payload: P,
    ReplaceOpenLead: typeof ReplaceOpenLeadAccepted,
) {
    return {
        type,
        request: z.object({ ...requestFields, ReplaceOpenLead, LeadType: z.literal(type), Lead: payload }),
        submitted: z.object({ ...storedFields, LeadType: z.literal(type), Lead: payload }),
    };
}
