import { z } from "zod";

export const BulkOperation = z.enum(["SYNC", "CLOSE", "FIND"]);
export type BulkOperation = z.output<typeof BulkOperation>;

/** Most leads one call handles when it returns only LeadIds and fans out one-way sends. */
export const MAX_LEADS_PER_CALL = 10_000;
/** Most leads one call handles when it returns whole items (Verbose) or awaits every lead (Async false). */
export const MAX_DETAILED_LEADS_PER_CALL = 1_000;

/** Close reason of bulk closes when the caller gives none. */
export const ADMIN_CLOSE_REASON = "Closed by Administrator";

/**
 * The body of `POST /Admin/bulk`. `Filter` is `"*"` or an attribute-equality map (checked separately, so its
 * errors read "Error parsing Filter parameter - …"). `Limit` and `Cursor` page through large tables: a
 * response with `NextCursor` has more leads; send the same request again with `Cursor: NextCursor`.
 */
export const BulkRequest = z
    .object({
        Operation: BulkOperation,
        Filter: z.unknown().refine((v) => v !== undefined, 'is required ("*" or an object)'),
        Reason: z.string().trim().min(1, "must not be empty").max(1000).optional(),
        Verbose: z.boolean().default(false),
        Async: z.boolean().default(true),
        Limit: z.number().int().positive().optional(),
        Cursor: z.string().min(1).max(200).optional(),
    })
    .superRefine((request, ctx) => {
        const max = leadCap({ ...request, Limit: undefined });
        if (request.Limit !== undefined && request.Limit > max) {
            ctx.addIssue({ code: "custom", path: ["Limit"], message: `must be at most ${max} for this request` });
        }
    });
export type BulkRequest = z.output<typeof BulkRequest>;

/** How many leads this request may touch: its Limit, at most the cap for its kind. */
export function leadCap(request: Pick<BulkRequest, "Verbose" | "Async" | "Limit">): number {
    const max = request.Verbose || !request.Async ? MAX_DETAILED_LEADS_PER_CALL : MAX_LEADS_PER_CALL;
    return Math.min(request.Limit ?? max, max);
}

/** The API-key endpoint string, derived from the raw body: `Admin/bulk/<Operation>` (or `Admin/bulk`). */
export function bulkEndpoint(input: unknown): string {
    const operation = z.object({ Operation: BulkOperation }).safeParse(input);
    return operation.success ? `Admin/bulk/${operation.data.Operation}` : "Admin/bulk";
}
