/**
 * Response schemas for the answers whose shape the handlers declare as TypeScript types rather than zod
 * schemas (Dealer report, bulk response, opt-in status, the Restate error body). Each is pinned to the
 * handler's type at compile time (`tsc -p scripts`), so a change to the handler's type breaks the check here
 * instead of leaving the document stale.
 */

import { z } from "zod";
import { apiSchemas } from "./handler-schemas";

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when `Actual` is `true`. */
const pinned = <Actual extends true>(_check?: Actual) => undefined;

const Verdict = z.enum(["VALID", "INVALID", "NONEXISTANT"]);

/** One location of the Dealer report (`LocationReport`). */
export const LocationReport = z.object({
    NexusLocationId: z.string(),
    UniversalLocationId: z.string().optional(),
    Name: z.string().optional(),
    StreetAddress: z.string().optional(),
    City: z.string().optional(),
    State: z.string().optional(),
    ZipCode: z.string().optional(),
    Web2TextPhoneNumber: z.string().optional(),
    StorePhoneNumber: z.string().optional(),
    CallTrackingPhoneNumber: z.string().optional(),
    Status: Verdict,
    Reason: z.string().optional(),
});
pinned<Same<z.output<typeof LocationReport>, apiSchemas.LocationReport>>();

/** `GET /Dealer/{retailerId}/status` (`DealerReport`). */
export const DealerReport = z.discriminatedUnion("Status", [
    z.object({ Status: z.literal("VALID"), Locations: z.array(LocationReport) }),
    z.object({ Status: z.enum(["INVALID", "NONEXISTANT"]), Reason: z.string().optional() }),
]);
pinned<Same<z.output<typeof DealerReport>, apiSchemas.DealerReport>>();

/** What `Lead/{id}/status` answers for an id nobody created (`LeadStateView`'s other branch). */
export const NonexistentLead = z.object({ Status: z.literal("NONEXISTANT") });

/** `Lead/{id}/status`: the submitted lead, or NONEXISTANT. */
export const LeadState = z.union([apiSchemas.SubmittedLead, NonexistentLead]);
pinned<Same<z.output<typeof LeadState>, apiSchemas.LeadStateView>>();

/** One lead's outcome of a waiting (`Async: false`), non-verbose SYNC or CLOSE (`LeadOutcome`). */
export const LeadOutcome = z.union([
    z.object({ LeadId: z.string(), Status: z.string() }),
    z.object({ LeadId: z.string(), Error: z.string() }),
]);
pinned<Same<z.output<typeof LeadOutcome>, apiSchemas.LeadOutcome>>();

/** `POST /Admin/bulk` (`BulkResponse`; `Result` is typed `unknown[]` there, its entries are spelled out here). */
export const BulkResponse = z.object({
    Count: z.number().int().min(0),
    Result: z.array(z.union([z.string(), LeadOutcome, z.record(z.string(), z.unknown())])),
    NextCursor: z.string().optional(),
});
pinned<Same<keyof z.output<typeof BulkResponse>, keyof apiSchemas.BulkResponse>>();
pinned<z.output<typeof BulkResponse> extends apiSchemas.BulkResponse ? true : false>();

/** One lead's outcome of a waiting (`Async: false`) `Admin/erase` (`LeadErasure`). */
export const LeadErasure = z.object({
    LeadId: z.string(),
    ClosedFirst: z.boolean(),
    StateKeys: z.number().int().min(0),
    ProjectionItem: z.boolean(),
    OpenLeadEntries: z.number().int().min(0),
});
pinned<Same<z.output<typeof LeadErasure>, apiSchemas.LeadErasure>>();

/** `POST /Admin/erase` (`EraseResponse`). */
export const EraseResponse = z.object({
    PhoneNumber: z.string(),
    Async: z.boolean(),
    Count: z.number().int().min(0),
    LeadIds: z.array(z.string()),
    Erased: z
        .object({
            Leads: z.number().int().min(0),
            ClosedFirst: z.number().int().min(0),
            ProjectionItems: z.number().int().min(0),
            StateKeys: z.number().int().min(0),
            OpenLeadEntries: z.number().int().min(0),
        })
        .optional(),
    Results: z.array(z.union([LeadErasure, z.object({ LeadId: z.string(), Error: z.string() })])).optional(),
    NextCursor: z.string().optional(),
    KeptHere: z.array(z.string()),
    KeptAtVendors: z.array(z.string()),
});
pinned<Same<keyof z.output<typeof EraseResponse>, keyof apiSchemas.EraseResponse>>();
pinned<z.output<typeof EraseResponse> extends apiSchemas.EraseResponse ? true : false>();

/** `POST /TwilioWebhooks/checkOptInStatus` (`optInStatus`'s result). */
export const OptInStatus = z.discriminatedUnion("Status", [
    z.object({ Status: z.literal("OPTED-IN") }),
    z.object({ Status: z.literal("OPTED-OUT"), OptInNumbers: z.array(z.string()) }),
]);
pinned<Same<z.output<typeof OptInStatus>, ReturnType<typeof apiSchemas.optInStatus>>>();

/** `POST /LeadLookup/openLead` and `POST /OpenLeads/{openLeadKey}/openLead` (`OpenLeadAnswer`): the customer's open lead at the store, or null. */
export const OpenLeadAnswer = z.object({
    OpenLead: z.object({ LeadId: z.string(), DateSubmitted: z.string(), Status: z.literal("ACTIVE") }).nullable(),
});
pinned<Same<z.output<typeof OpenLeadAnswer>, apiSchemas.OpenLeadAnswer>>();

/** The body of every error answer: a handler's TerminalError, or the ingress refusing the request. */
export const RestateError = z.object({
    code: z.number().int(),
    message: z.string(),
    /** Extra facts of the error, e.g. a 429's `retryAfterSeconds` (Restate ingress cannot set headers). */
    metadata: z.record(z.string(), z.string()).optional(),
    source: z.string().optional(),
});
