import { z } from "zod";
import { json } from "../core/router";
import { IdempotentAnswers, idempotencyKeyOf } from "./idempotency";
import type { VendorRegistration } from "./index";

/** The bearer key the local stack gives the lead processor. */
export const DHQ_API_KEY = "sandbox-dhq-key";

const InquiryBody = z.looseObject({
    occurred_at: z.string().min(1),
    universal_store_id: z.string().min(1),
    store_address: z.string().optional(),
    traffic: z.looseObject({ source: z.string(), medium: z.string(), campaign: z.string() }).optional(),
    inquiry: z.looseObject({
        contact_method: z.enum(["cys_inquiry", "kiosk"]),
        email: z.email(),
        external_id: z.string().optional(),
        message: z.string(),
        name: z.string().min(1),
        page_url: z.string().optional(),
        phone_number: z.string().min(1),
    }),
    custom_fields: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
});

const CommentBody = z.object({
    comment: z.object({ body: z.string().min(1), author_id: z.number().int() }),
});

interface StoredComment {
    id: number;
    body: string;
    author_id: number;
    idempotencyKey: string | undefined;
    createdAt: string;
}

interface StoredLead {
    id: string;
    retailerId: string;
    idempotencyKey: string | undefined;
    createdAt: string;
    /** The store inquiry that created the lead, as posted. */
    inquiry: z.output<typeof InquiryBody>;
    comments: StoredComment[];
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

/**
 * DealerHQ stand-in under `/dhq`: store inquiries (each creates a DHQ lead with a generated id) and lead
 * comments, behind `Authorization: Bearer sandbox-dhq-key`. A repeat creates another one, as at DealerHQ;
 * only with `vendorIdempotency` on do they honour `Idempotency-Key` (see `idempotency.ts`). Leads live in memory; calls are recorded as `dhq`;
 * `GET /__sandbox/dhq/records` lists the leads created, each with its comments, key and replay count.
 */
export const registerDhq: VendorRegistration = (router, { settings }) => {
    const leads = new Map<string, StoredLead>();
    const idempotent = new IdempotentAnswers(settings);
    let nextLeadId = 880_001;
    let nextInquiryId = 1;
    let nextCommentId = 1;
    const authorized = (req: Request) => req.headers.get("authorization") === `Bearer ${DHQ_API_KEY}`;

    const submitInquiry = (req: Request, retailerId: string, body: unknown): Response => {
        if (!authorized(req)) return json({ status: "failure", errors: ["Unauthorized"] }, 401);
        if (!z.uuid().safeParse(retailerId).success) {
            return json({ status: "failure", errors: ["Unknown retailer"] }, 404);
        }
        const parsed = InquiryBody.safeParse(body);
        if (!parsed.success) return json({ status: "failure", errors: issues(parsed.error) }, 422);
        const lead: StoredLead = {
            id: String(nextLeadId++),
            retailerId,
            idempotencyKey: idempotencyKeyOf(req),
            createdAt: new Date().toISOString(),
            inquiry: parsed.data,
            comments: [],
        };
        leads.set(lead.id, lead);
        const traffic = parsed.data.traffic;
        return json({
            status: "success",
            data: {
                store_inquiry: { id: nextInquiryId++, universal_store_id: parsed.data.universal_store_id },
                lead: {
                    id: lead.id,
                    traffic_source: traffic?.source ?? null,
                    traffic_medium: traffic?.medium ?? null,
                    traffic_campaign: traffic?.campaign ?? null,
                    page_url: parsed.data.inquiry.page_url ?? null,
                },
            },
        });
    };

    const addComment = (req: Request, leadId: string, body: unknown): Response => {
        if (!authorized(req)) return json({ status: "failure", errors: ["Unauthorized"] }, 401);
        const lead = leads.get(leadId);
        if (!lead) return json({ status: "failure", errors: ["Lead not found"] }, 404);
        const parsed = CommentBody.safeParse(body);
        if (!parsed.success) return json({ status: "failure", errors: issues(parsed.error) }, 422);
        const comment: StoredComment = {
            id: nextCommentId++,
            ...parsed.data.comment,
            idempotencyKey: idempotencyKeyOf(req),
            createdAt: new Date().toISOString(),
        };
        lead.comments.push(comment);
        return json({ status: "success", data: { comment: { id: comment.id, lead_id: lead.id } } }, 201);
    };

    router.add("POST", "/dhq/retailer/rest/:retailerId/store_inquiries", "dhq", ({ req, params, body }) =>
        idempotent.handle(req, () => submitInquiry(req, params.retailerId ?? "", body)),
    );
    router.add("POST", "/dhq/retailer/rest/leads/:leadId/comments", "dhq", ({ req, params, body }) =>
        idempotent.handle(req, () => addComment(req, params.leadId ?? "", body)),
    );
    router.add("GET", "/__sandbox/dhq/records", undefined, () =>
        json(
            [...leads.values()].map((lead) => ({
                ...lead,
                replays: idempotent.replays(lead.idempotencyKey),
                comments: lead.comments.map((c) => ({ ...c, replays: idempotent.replays(c.idempotencyKey) })),
            })),
        ),
    );
    return undefined;
};
