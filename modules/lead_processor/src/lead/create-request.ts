import { Uuid } from "common";
import { z } from "zod";
import { ActOnLead } from "./types/acton/acton.schema";
import { Web2TextLead } from "./types/web2text/web2text.schema";

const common = {
    /** Kept for callers that send it; stored leads always carry the current schema version. */
    SchemaVersion: z.string().max(20).default("2.0.0"),
    UniversalRetailerId: Uuid,
    /** Send `sync` right after create (default true). */
    SyncImmediately: z.boolean().default(true),
};

/** The body of `POST /Lead/{id}/create`, discriminated on `LeadType`. */
export const CreateLeadRequest = z.discriminatedUnion("LeadType", [
    z.object({ ...common, LeadType: z.literal("WEB2TEXT"), Lead: Web2TextLead }),
    z.object({ ...common, LeadType: z.literal("ACTON"), Lead: ActOnLead }),
]);
export type CreateLeadRequest = z.output<typeof CreateLeadRequest>;
export type Web2TextCreateRequest = Extract<CreateLeadRequest, { LeadType: "WEB2TEXT" }>;
export type ActOnCreateRequest = Extract<CreateLeadRequest, { LeadType: "ACTON" }>;

/** The schema version of leads this code writes. */
export const CURRENT_SCHEMA_VERSION = "2.0.0";
