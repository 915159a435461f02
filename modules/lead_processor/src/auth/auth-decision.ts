import { timingSafeEqual } from "node:crypto";
import { Uuid } from "common";
import type { ApiKeyRecord } from "../db/api-keys.table";
import { INTERNAL_ENDPOINTS } from "./endpoints";

export type AuthDecision = { ok: true; internal: boolean } | { ok: false; reason: string };

export type ParsedAuthHeader =
    | { kind: "missing" }
    | { kind: "malformed"; reason: string }
    | { kind: "token"; token: string };

/** Accepts `Bearer <key>` (any case) or the bare key, as existing callers send both. */
export function parseAuthHeader(header: string | undefined): ParsedAuthHeader {
    const value = header?.trim();
    if (!value) return { kind: "missing" };
    const [first, second, ...rest] = value.split(/\s+/);
    if (rest.length > 0) return { kind: "malformed", reason: "Authorization header must be 'Bearer <API key>'" };
    if (second === undefined) return { kind: "token", token: first ?? "" };
    if (first?.toLowerCase() !== "bearer") {
        return { kind: "malformed", reason: "Authorization header must be 'Bearer <API key>'" };
    }
    return { kind: "token", token: second };
}

/** Constant-time comparison, so response timing does not reveal how much of the internal credential matched. */
export function sameSecret(candidate: string, secret: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(secret);
    const padded = Buffer.alloc(b.length);
    a.copy(padded, 0, 0, Math.min(a.length, b.length));
    return timingSafeEqual(padded, b) && a.length === b.length;
}

/**
 * The decision table for a stored key (after the header parsed to a token that is not the internal credential).
 * An internal endpoint (`Lead/reconcile`) passes only a `*` key.
 */
export function decideForRecord(record: ApiKeyRecord | undefined, endpoint: string): AuthDecision {
    if (!record?.Active) return { ok: false, reason: "API Key doesn't exist or has been marked inactive" };
    const listed = !INTERNAL_ENDPOINTS.includes(endpoint) && record.AuthorizedEndpoints.includes(endpoint);
    if (record.AuthorizedEndpoints.includes("*") || listed) {
        return { ok: true, internal: false };
    }
    return { ok: false, reason: `API Key does not have authorization for '${endpoint}'` };
}

export interface AuthInput {
    header: string | undefined;
    endpoint: string;
    internalToken: string;
    lookup: (key: string) => Promise<ApiKeyRecord | undefined>;
}

/** The whole decision: header form → internal credential → UUID shape → stored key → endpoint. */
export async function decide(input: AuthInput): Promise<AuthDecision> {
    const parsed = parseAuthHeader(input.header);
    if (parsed.kind === "missing") return { ok: false, reason: "Must pass authorization header with valid API key" };
    if (parsed.kind === "malformed") return { ok: false, reason: parsed.reason };
    if (sameSecret(parsed.token, input.internalToken)) return { ok: true, internal: true };
    if (!Uuid.safeParse(parsed.token).success) return { ok: false, reason: "API Key is not a valid UUID" };
    return decideForRecord(await input.lookup(parsed.token.toLowerCase()), input.endpoint);
}
