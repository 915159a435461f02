import { TerminalError } from "@restatedev/restate-sdk";
import { describe, expect, it } from "vitest";
import { ApiKeyDirectory } from "../../src/auth/api-key-directory";
import { AUTH_REASONS } from "../../src/auth/auth-decision";
import { Authorizer } from "../../src/auth/authorizer";
import { KeyRateLimiter } from "../../src/auth/key-rate-limiter";
import type { ApiKeyRecord } from "../../src/db/api-keys.table";
import { context } from "./fake-context";

const KEY = "2b0c7a4e-1111-4a2b-8c3d-000000000001";
const NARROW = "2b0c7a4e-1111-4a2b-8c3d-000000000002";
const INTERNAL = "internal-credential-0123456789";

const record = (API_Key: string, AuthorizedEndpoints: string[], Active = true): ApiKeyRecord => ({
    API_Key,
    Active,
    AuthorizedEndpoints,
    DateCreated: "2026-01-01T00:00:00.000Z",
});

/** An authorizer over a real directory whose table is an array the test edits, counting its scans. */
function fixture(limiter?: KeyRateLimiter) {
    const table = { records: [record(KEY, ["Lead/openLead"]), record(NARROW, ["Lead/create"])], scans: 0 };
    const directory = new ApiKeyDirectory(
        {
            list: async () => {
                table.scans += 1;
                return table.records;
            },
        },
        { missReloadMs: 0 },
    );
    return { table, auth: new Authorizer(directory, INTERNAL, limiter) };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("Authorizer.checkReadOnly (the lookup by key)", () => {
    it("decides from memory with no journaled step, once the keys are read", async () => {
        const { auth, table } = fixture();
        auth.warmUp();
        await settled();
        const call = context(`Bearer ${KEY.toUpperCase()}`);
        await expect(auth.checkReadOnly(call.ctx, "Lead/openLead")).resolves.toMatchObject({ internal: false });
        expect(call.steps).toEqual([]);
        expect(table.scans).toBe(1);
    });

    it("gives the same 401 reasons as the journaled check", async () => {
        const { auth } = fixture();
        auth.warmUp();
        await settled();
        const cases: [string | undefined, string][] = [
            [undefined, AUTH_REASONS.missing],
            ["Bearer not-a-uuid", AUTH_REASONS.notUuid],
            [`Bearer ${crypto.randomUUID()}`, AUTH_REASONS.unknown],
            [`Bearer ${NARROW}`, "API Key does not have authorization for 'Lead/openLead'"],
        ];
        for (const [header, reason] of cases) {
            const readOnly = auth.checkReadOnly(context(header).ctx, "Lead/openLead");
            await expect(readOnly).rejects.toMatchObject({ code: 401, message: reason });
            const journaled = auth.check(context(header).ctx, "Lead/openLead");
            await expect(journaled).rejects.toMatchObject({ code: 401, message: reason });
        }
    });

    it("passes the internal credential without reading any key", async () => {
        const { auth, table } = fixture();
        await expect(auth.checkReadOnly(context(INTERNAL).ctx, "Lead/openLead")).resolves.toMatchObject({
            internal: true,
        });
        expect(table.scans).toBe(0);
    });

    it("answers 503 while no read of the keys is held, and decides once the read it started is done", async () => {
        const { auth } = fixture();
        const first = auth.checkReadOnly(context(`Bearer ${KEY}`).ctx, "Lead/openLead");
        await expect(first).rejects.toMatchObject({
            code: 503,
            message: "The API keys cannot be read at the moment; retry shortly",
        });
        await first.catch((error: unknown) => expect(error).toBeInstanceOf(TerminalError));
        await settled();
        await expect(auth.checkReadOnly(context(`Bearer ${KEY}`).ctx, "Lead/openLead")).resolves.toBeDefined();
    });

    it("refuses a key stored after the last read, and passes it once the read that refusal started is done", async () => {
        const { auth, table } = fixture();
        auth.warmUp();
        await settled();
        const fresh = "2b0c7a4e-1111-4a2b-8c3d-000000000003";
        table.records.push(record(fresh, ["Lead/openLead"]));
        const refused = auth.checkReadOnly(context(`Bearer ${fresh}`).ctx, "Lead/openLead");
        await expect(refused).rejects.toMatchObject({ code: 401, message: AUTH_REASONS.unknown });
        await settled();
        await expect(auth.checkReadOnly(context(`Bearer ${fresh}`).ctx, "Lead/openLead")).resolves.toBeDefined();
        expect(table.scans).toBe(2);
    });

    it("takes a token of the key's rate limit, answering 429 over it", async () => {
        const { auth } = fixture(new KeyRateLimiter({ perSecond: 1, burst: 1 }, 100, () => 0));
        auth.warmUp();
        await settled();
        await auth.checkReadOnly(context(`Bearer ${KEY}`).ctx, "Lead/openLead");
        const over = auth.checkReadOnly(context(`Bearer ${KEY}`).ctx, "Lead/openLead");
        await expect(over).rejects.toMatchObject({ code: 429, metadata: { retryAfterSeconds: "1" } });
    });
});
