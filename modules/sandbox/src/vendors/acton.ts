import { z } from "zod";
import { json } from "../core/router";
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

/** A list record: a flat JSON object of strings. */
const RecordBody = z.record(z.string(), z.string());

/**
 * ActOn stand-in under `/acton`: the OAuth password grant (`POST /token`, tokens expire after an hour) and
 * `POST /api/1/list/{listId}/record`. Lists are keyed by e-mail address like ActOn's, so a repeated post
 * updates the same record (same id). `DELETE /__sandbox/acton/tokens` expires every issued token (401 tests).
 * Calls are recorded as `acton`.
 */
export const registerActOn: VendorRegistration = (router) => {
    const tokens = new Map<string, number>();
    const lists = new Map<string, Map<string, string>>();
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

    router.add("POST", "/acton/api/1/list/:listId/record", "acton", ({ req, params, body }) => {
        const token = /^Bearer (\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
        const expiresAt = token ? tokens.get(token) : undefined;
        if (expiresAt === undefined || expiresAt <= Date.now()) {
            return json({ error: "invalid_token", error_description: "Access token is invalid or expired" }, 401);
        }
        const listId = params.listId ?? "";
        const record = RecordBody.safeParse(body);
        if (!record.success) return json({ status: "failure", message: "Body must be a JSON object of strings" }, 400);
        const email = record.data["E-mail Address"]?.toLowerCase();
        if (!email) return json({ status: "failure", message: "Record has no 'E-mail Address'" }, 400);
        const list = lists.get(listId) ?? new Map<string, string>();
        lists.set(listId, list);
        const id = list.get(email) ?? `${listId}:${nextRecord++}`;
        list.set(email, id);
        return json({ status: "success", message: "Record added", id, contact_id: id });
    });

    router.add("DELETE", "/__sandbox/acton/tokens", undefined, () => {
        tokens.clear();
        return new Response(null, { status: 204 });
    });
    return undefined;
};
