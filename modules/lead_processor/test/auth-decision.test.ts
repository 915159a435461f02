import { describe, expect, it } from "vitest";
import { decide, parseAuthHeader, sameSecret } from "../src/auth/auth-decision";
import type { ApiKeyRecord } from "../src/db/api-keys.table";

const INTERNAL = "internal-credential-0123456789";
const KEY = "2b0c7a4e-1111-4a2b-8c3d-000000000001";
const record = (over: Partial<ApiKeyRecord>): ApiKeyRecord => ({
    API_Key: KEY,
    Active: true,
    AuthorizedEndpoints: ["Lead/create"],
    DateCreated: "2026-01-01T00:00:00.000Z",
    ...over,
});
const run = (header: string | undefined, found?: ApiKeyRecord, endpoint = "Lead/create") =>
    decide({ header, endpoint, internalToken: INTERNAL, lookup: async () => found });

describe("authorization decision table", () => {
    it.each([
        ["no header", undefined, undefined, "Must pass authorization header with valid API key"],
        ["empty header", "  ", undefined, "Must pass authorization header with valid API key"],
        ["Basic scheme", "Basic dXNlcjpwYXNz", undefined, "API Key is not a valid UUIDv4"],
        ["three words", `Bearer ${KEY} extra`, undefined, "API Key is not a valid UUIDv4"],
        ["Bearer without a key", "Bearer", undefined, "API Key is not a valid UUIDv4"],
        ["not a UUID", "Bearer not-a-uuid", undefined, "API Key is not a valid UUIDv4"],
        ["unknown key", `Bearer ${KEY}`, undefined, "API Key doesn't exist or has been marked inactive"],
        [
            "inactive key",
            `Bearer ${KEY}`,
            record({ Active: false }),
            "API Key doesn't exist or has been marked inactive",
        ],
        [
            "key without the endpoint",
            `Bearer ${KEY}`,
            record({ AuthorizedEndpoints: ["Dealer/status"] }),
            "API Key does not have authorization for 'Lead/create'",
        ],
    ])("%s → 401 reason", async (_name, header, found, reason) => {
        expect(await run(header, found)).toEqual({ ok: false, reason });
    });

    it.each([
        ["Bearer key with the endpoint", `Bearer ${KEY}`, record({})],
        ["bare key with *", KEY, record({ AuthorizedEndpoints: ["*"] })],
        ["lower-case scheme", `bearer ${KEY}`, record({})],
    ])("%s → allowed", async (_name, header, found) => {
        expect(await run(header, found)).toEqual({ ok: true, internal: false });
    });

    it("lets the internal credential through without a lookup, bare or as Bearer", async () => {
        const lookup = async () => {
            throw new Error("must not look up the internal credential");
        };
        for (const header of [INTERNAL, `Bearer ${INTERNAL}`]) {
            expect(await decide({ header, endpoint: "Lead/sync", internalToken: INTERNAL, lookup })).toEqual({
                ok: true,
                internal: true,
            });
        }
    });

    it("passes the internal endpoint Lead/reconcile only with the internal credential or a * key", async () => {
        const reconcile = (header: string, found?: ApiKeyRecord) => run(header, found, "Lead/reconcile");
        expect(await reconcile(`Bearer ${KEY}`, record({ AuthorizedEndpoints: ["Lead/reconcile"] }))).toEqual({
            ok: false,
            reason: "API Key does not have authorization for 'Lead/reconcile'",
        });
        expect(await reconcile(`Bearer ${KEY}`, record({ AuthorizedEndpoints: ["*"] }))).toEqual({
            ok: true,
            internal: false,
        });
        expect(await reconcile(`Bearer ${INTERNAL}`)).toEqual({ ok: true, internal: true });
    });

    it("parses header forms", () => {
        expect(parseAuthHeader(undefined)).toBeUndefined();
        expect(parseAuthHeader(`Bearer ${KEY}`)).toBe(KEY);
        expect(parseAuthHeader(`BEARER  ${KEY} `)).toBe(KEY);
        expect(parseAuthHeader(KEY)).toBe(KEY);
        expect(parseAuthHeader("Basic dXNlcjpwYXNz")).toBe("Basic dXNlcjpwYXNz");
    });

    it("looks the key up as sent (the directory matches any case)", async () => {
        const upper = KEY.toUpperCase();
        const asked: string[] = [];
        const lookup = async (key: string) => {
            asked.push(key);
            return record({ API_Key: KEY });
        };
        const decision = await decide({
            header: `Bearer ${upper}`,
            endpoint: "Lead/create",
            internalToken: INTERNAL,
            lookup,
        });
        expect(decision).toEqual({ ok: true, internal: false });
        expect(asked).toEqual([upper]);
    });

    it("compares secrets of different lengths without throwing", () => {
        expect(sameSecret("short", INTERNAL)).toBe(false);
        expect(sameSecret(`${INTERNAL}x`, INTERNAL)).toBe(false);
        expect(sameSecret(INTERNAL, INTERNAL)).toBe(true);
    });
});
