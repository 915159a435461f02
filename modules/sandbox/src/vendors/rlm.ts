import { z } from "zod";
import { json } from "../core/router";
import type { Seed } from "../seed";
import { type Answer, IdempotentAnswers, idempotencyKeyOf } from "./idempotency";
import type { VendorRegistration } from "./index";

/** The "god" credentials of the location-mapping endpoint, as the local stack configures the lead processor. */
export const RLM_GOD = { apiKey: "sandbox-rlm-god-key", email: "god@rlm.example" } as const;

/** Retailer keys the stand-in accepts besides the seeded ones (`RLM_API_KEY_OVERRIDE`-style keys). */
const ACCEPTED_KEY = /^rlm-(key|override)-[A-Za-z0-9-]+$/;

const LeadBody = z.object({
    lead: z.looseObject({
        location_name: z.string().min(1),
        divison_name: z.string().min(1),
        source_name: z.string().min(1),
        first_name: z.string().min(1),
        last_name: z.string(),
        phone: z.string().min(1),
        mobile_phone: z.string().optional(),
        website: z.string().optional(),
        note: z.string().optional(),
    }),
});

const NoteBody = z.object({
    lead_uuid: z.string().min(1),
    sender_phone: z.string(),
    sender_name: z.string().min(1),
    message: z.string(),
    date: z.string().min(1),
});

interface StoredNote extends z.output<typeof NoteBody> {
    note_id: number;
    idempotencyKey: string | undefined;
    createdAt: string;
}

interface StoredLead {
    lead_id: number;
    lead_uuid: string;
    apiKey: string;
    idempotencyKey: string | undefined;
    createdAt: string;
    lead: z.output<typeof LeadBody>["lead"];
    notes: StoredNote[];
}

/** RLM answers its failures with 200 and `result: "Error"`: only a `Success` is kept for replays. */
const Succeeded = z.looseObject({ result: z.literal("Success") });
const succeeded = (answer: Answer) => answer.status === 200 && Succeeded.safeParse(JSON.parse(answer.body)).success;

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);

/** RLM's store-location mapping: every seeded location, under its retailer as organization. */
function locationMappings(seed: Seed) {
    return seed.retailers.flatMap((retailer, r) =>
        retailer.locations.map((location, l) => ({
            organization_id: 1000 + r,
            organization_name: retailer.name,
            location_id: 5000 + r * 100 + l,
            location_name: location.location_name,
            dhq_store_id: location.universal_id,
        })),
    );
}

/**
 * RLM (Retail Lead Management) stand-in under `/rlm`: lead create with a retailer key in the path, SMS notes
 * on a created lead, and the DealerHQ store → RLM location mapping behind the god credentials. Like RLM, a
 * repeated create or note creates another one; only with `vendorIdempotency` on do they honour
 * `Idempotency-Key` (see `idempotency.ts`). Leads live in memory; every call is recorded as service `rlm`; `GET /__sandbox/rlm/records` lists the leads created, each
 * with its notes, key and how often that key was replayed.
 */
export const registerRlm: VendorRegistration = (router, { seed, settings }) => {
    const knownKeys = new Set(seed.retailers.map((r) => r.rlm_api_key));
    const leads = new Map<string, StoredLead>();
    const idempotent = new IdempotentAnswers(settings);
    let nextLeadId = 70_001;
    let nextNoteId = 1;

    router.add("POST", "/rlm/api/:apiKey/leads", "rlm", ({ req, params, body }) =>
        idempotent.handle(req, () => createLead(req, params.apiKey ?? "", body), succeeded),
    );

    const createLead = (req: Request, apiKey: string, body: unknown): Response => {
        if (!knownKeys.has(apiKey) && !ACCEPTED_KEY.test(apiKey)) {
            return json({ result: "Error", messages: ["Invalid API key"] }, 401);
        }
        if (body === undefined || (typeof body === "object" && body !== null && !("lead" in body))) {
            return json({ result: "No data", messages: ["No lead was given"] });
        }
        const parsed = LeadBody.safeParse(body);
        if (!parsed.success) {
            return json({ result: "Error", messages: issues(parsed.error) });
        }
        const stored: StoredLead = {
            lead_id: nextLeadId++,
            lead_uuid: crypto.randomUUID(),
            apiKey,
            idempotencyKey: idempotencyKeyOf(req),
            createdAt: new Date().toISOString(),
            lead: parsed.data.lead,
            notes: [],
        };
        leads.set(stored.lead_uuid, stored);
        return json({ result: "Success", lead_id: stored.lead_id, lead_uuid: stored.lead_uuid });
    };

    router.add("POST", "/rlm/api/note_from_sms", "rlm", ({ req, body }) =>
        idempotent.handle(
            req,
            () => {
                const parsed = NoteBody.safeParse(body);
                if (!parsed.success) {
                    return json({ result: "Error", messages: issues(parsed.error) });
                }
                const lead = leads.get(parsed.data.lead_uuid);
                if (!lead) return json({ result: "Error", messages: ["Lead not found"] }, 404);
                const note: StoredNote = {
                    ...parsed.data,
                    note_id: nextNoteId++,
                    idempotencyKey: idempotencyKeyOf(req),
                    createdAt: new Date().toISOString(),
                };
                lead.notes.push(note);
                return json({ result: "Success", note_id: note.note_id });
            },
            succeeded,
        ),
    );

    router.add("GET", "/__sandbox/rlm/records", undefined, () =>
        json(
            [...leads.values()].map((lead) => ({
                ...lead,
                replays: idempotent.replays(lead.idempotencyKey),
                notes: lead.notes.map((note) => ({ ...note, replays: idempotent.replays(note.idempotencyKey) })),
            })),
        ),
    );

    router.add("GET", "/rlm/api/v1/dhq_store_rlm_location_mappings.json", "rlm", ({ req }) => {
        const key = req.headers.get("x-api-key");
        const email = req.headers.get("x-user-email");
        if (key !== RLM_GOD.apiKey || email !== RLM_GOD.email) return json({ error: "Unauthorized" }, 401);
        return json(locationMappings(seed));
    });
    return undefined;
};
