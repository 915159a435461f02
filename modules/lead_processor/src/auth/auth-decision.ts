import { timingSafeEqual } from "node:crypto";
import { Uuid } from "common";
import type { ApiKeyRecord } from "../db/api-keys.table";
import { INTERNAL_ENDPOINTS } from "./endpoints";

export type AuthDecision = { ok: true; internal: boolean } | { ok: false; reason: string };

/** The reasons of the public contract (the production system's strings). */
export const AUTH_REASONS = {
    missing: "Must pass authorization header with valid API key",
    notUuid: "API Key is not a valid UUIDv4",
    unknown: "API Key doesn't exist or has been marked inactive",
} as const;

/**
 * The credential in the header: `Bearer <key>` (any case of the scheme) or the bare key, as existing callers
 * send both; any other form is returned whole, so it fails the UUID check as it did in the production system.
 * Undefined when the header is missing or blank.
 */
export function parseAuthHeader(header: string | undefined): string | undefined {
    const value = header?.trim();
    if (!value) return undefined;
    const [scheme, key, ...rest] = value.split(/\s+/);
    return scheme?.toLowerCase() === "bearer" && key !== undefined && rest.length === 0 ? key : value;
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
    if (!record?.Active) return { ok: false, reason: AUTH_REASONS.unknown };
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

/**
 * The whole decision: header → internal credential → UUID shape → stored key (looked up as sent: the
 * directory ignores case) → endpoint.
 */
export async function decide(input: AuthInput): Promise<AuthDecision> {
    const token = parseAuthHeader(input.header);
    if (token === undefined) return { ok: false, reason: AUTH_REASONS.missing };
    if (sameSecret(token, input.internalToken)) return { ok: true, internal: true };
    if (!Uuid.safeParse(token).success) return { ok: false, reason: AUTH_REASONS.notUuid };
    return decideForRecord(await input.lookup(token), input.endpoint);
}
