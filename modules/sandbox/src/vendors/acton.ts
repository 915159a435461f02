import { JsonValue } from "common";
import { z } from "zod";
import { json } from "../core/router";
import { IdempotentAnswers, idempotencyKeyOf } from "./idempotency";
import type { VendorRegistration } from "./index";

/** The password-grant credentials the local stack gives the lead processor. */
export const ACTON_CREDENTIALS = {
    username: "sandbox-acton-user",
    password: "sandbox-acton-password",
    clientId: "sandbox-acton-client",
    clientSecret: "sandbox-acton-secret",
} as const;

/** Lifetime of issued access tokens, as ActOn states it in `expires_in`. */
const TOKEN_SECONDS = 3600;

const TokenForm = z.object({
    grant_type: z.string(),
    username: z.string(),
    password: z.string(),
    client_id: z.string(),
    client_secret: z.string(),
});

/** A list record: a JSON object of fields; a form's own fields may hold any JSON value. */
const RecordBody = z.record(z.string(), JsonValue);

/** A contact of a list, with every write that reached it. */
interface StoredRecord {
    listId: string;
    id: string;
    email: string;
    /** The fields of the latest write. */
    fields: Record<string, JsonValue>;
    /** Posts that wrote this record (with `vendorIdempotency` on, a replayed key writes nothing and is not counted). */
    writes: number;
    idempotencyKeys: string[];
    createdAt: string;
}

/**
 * ActOn stand-in under `/acton`: the OAuth password grant (`POST /token`, tokens expire after an hour) and the two
 * documented ways to write a list record (developer.act-on.com, "Marketing List Contact API Overview"):
 * - `POST /api/1/list/{listId}/record` ("Add a Contact") adds an individual contact, so a repeated post adds a
 *   second record for the same e-mail (nothing documents a merge on this endpoint);
 * - `PUT /api/1/list/{listId}/record?email=` ("Update Contact Record by Email") updates the first record with that
 *   e-mail, or adds one when there is none — a repeated PUT writes the same record again (its `writes` grows).
 * Only with `vendorIdempotency` on do writes honour `Idempotency-Key` (see `idempotency.ts`).
 * `DELETE /__sandbox/acton/tokens` expires every issued token (401 tests). Calls are recorded as `acton`;
 * `GET /__sandbox/acton/records` lists the records with their write counts, keys and replay counts.
 */
export const registerActOn: VendorRegistration = (router, { settings }) => {
    const tokens = new Map<string, number>();
    const lists = new Map<string, StoredRecord[]>();
    const idempotent = new IdempotentAnswers(settings);
    let nextRecord = 1;

    router.add("POST", "/acton/token", "acton", ({ body }) => {
        const form = TokenForm.safeParse(body);
        if (!form.success) return json({ error: "invalid_request" }, 400);
        if (form.data.grant_type !== "password") return json({ error: "unsupported_grant_type" }, 400);
        const c = ACTON_CREDENTIALS;
        if (form.data.client_id !== c.clientId || form.data.client_secret !== c.clientSecret) {
            return json({ error: "invalid_client" }, 401);
        }
        if (form.data.username !== c.username || form.data.password !== c.password) {
            return json({ error: "invalid_grant", error_description: "Bad username or password" }, 400);
        }
        const token = `acton-${crypto.randomUUID()}`;
        tokens.set(token, Date.now() + TOKEN_SECONDS * 1000);
        return json({ access_token: token, token_type: "bearer", expires_in: TOKEN_SECONDS });
    });

    /** The bearer token's problem, or undefined when it is live. */
    const tokenProblem = (req: Request): Response | undefined => {
        const token = /^Bearer (\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
        const expiresAt = token ? tokens.get(token) : undefined;
        if (expiresAt !== undefined && expiresAt > Date.now()) return undefined;
        return json({ error: "invalid_token", error_description: "Access token is invalid or expired" }, 401);
    };

    /**
     * Writes a record of `listId`: `mode` add always makes a new one; upsert updates the first record whose
     * e-mail is `email` (the query parameter) or adds one.
     */
    const writeRecord = (
        req: Request,
        listId: string,
        body: unknown,
        mode: { kind: "add" } | { kind: "upsert"; email: string | null },
    ): Response => {
        const refused = tokenProblem(req);
        if (refused) return refused;
        const record = RecordBody.safeParse(body);
        if (!record.success) return json({ status: "failure", message: "Body must be a JSON object" }, 400);
        const address = record.data["E-mail Address"];
        const fieldEmail = typeof address === "string" ? address.toLowerCase() : undefined;
        const email = mode.kind === "upsert" ? mode.email?.trim().toLowerCase() : fieldEmail;
        if (!email) {
            const message =
                mode.kind === "upsert" ? "Query parameter 'email' is required" : "Record has no 'E-mail Address'";
            return json({ status: "failure", message }, 400);
        }
        const list = lists.get(listId) ?? [];
        lists.set(listId, list);
        const existing = mode.kind === "upsert" ? list.find((r) => r.email === email) : undefined;
        const stored = existing ?? {
            listId,
            id: `${listId}:${nextRecord++}`,
            email,
            fields: record.data,
            writes: 0,
            idempotencyKeys: [],
            createdAt: new Date().toISOString(),
        };
        stored.fields = { ...stored.fields, ...record.data };
        stored.writes += 1;
        const key = idempotencyKeyOf(req);
        if (key) stored.idempotencyKeys.push(key);
        if (!existing) list.push(stored);
        const message = mode.kind === "upsert" ? "Record updated" : "Record added";
        return json({ status: "success", message, id: stored.id, contact_id: stored.id });
    };

    router.add("POST", "/acton/api/1/list/:listId/record", "acton", ({ req, params, body }) =>
        idempotent.handle(req, () => writeRecord(req, params.listId ?? "", body, { kind: "add" })),
    );
    router.add("PUT", "/acton/api/1/list/:listId/record", "acton", ({ req, url, params, body }) =>
        idempotent.handle(req, () =>
            writeRecord(req, params.listId ?? "", body, { kind: "upsert", email: url.searchParams.get("email") }),
        ),
    );

    router.add("GET", "/__sandbox/acton/records", undefined, () =>
        json(
            [...lists.values()].flatMap((list) =>
                list.map((r) => ({
                    ...r,
                    replays: r.idempotencyKeys.reduce((sum, key) => sum + idempotent.replays(key), 0),
                })),
            ),
        ),
    );

    router.add("DELETE", "/__sandbox/acton/tokens", undefined, () => {
        tokens.clear();
        return new Response(null, { status: 204 });
    });
    return undefined;
};
