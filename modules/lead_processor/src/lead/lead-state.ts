import { IsoDateTime, Uuid } from "common";
import { z } from "zod";
import { ActOnLead } from "./types/acton/acton.schema";
import { Web2TextLead } from "./types/web2text/web2text.schema";

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

const submittedBase = {
    SchemaVersion: z.string().default("2.0.0"),
    LeadId: Uuid,
    Status: LeadStatus,
    UniversalRetailerId: Uuid,
    DateSubmitted: IsoDateTime,
    CloseReason: z.string().optional(),
    Integrations: z.record(z.string(), IntegrationState),
};

/** A submitted lead, as kept in Restate state and projected to DynamoDB. */
export const SubmittedLead = z.discriminatedUnion("LeadType", [
    z.object({ ...submittedBase, LeadType: z.literal("WEB2TEXT"), Lead: Web2TextLead }),
    z.object({ ...submittedBase, LeadType: z.literal("ACTON"), Lead: ActOnLead }),
]);
export type SubmittedLead = z.output<typeof SubmittedLead>;
export type Web2TextSubmittedLead = Extract<SubmittedLead, { LeadType: "WEB2TEXT" }>;
export type ActOnSubmittedLead = Extract<SubmittedLead, { LeadType: "ACTON" }>;
export type LeadType = SubmittedLead["LeadType"];

/** What `Lead/{id}/status` returns. */
export type LeadStateView = SubmittedLead | { Status: "NONEXISTANT" };
