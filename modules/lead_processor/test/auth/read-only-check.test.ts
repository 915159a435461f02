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

/** The read-only check as Restate runs it: attempts that fail retryably are retried, the first answer stands. */
async function checkAsRestateRetries(auth: Authorizer, ctx: ReturnType<typeof context>["ctx"], endpoint: string) {
    for (let attempt = 1; ; attempt++) {
        try {
            return await auth.checkReadOnly(ctx, endpoint);
        } catch (error) {
            if (error instanceof TerminalError || attempt === 5) throw error;
            await settled();
        }
    }
}

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
            const readOnly = checkAsRestateRetries(auth, context(header).ctx, "Lead/openLead");
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

    it("fails retryably (not a terminal answer) while no read of the keys is held, and passes on the retry", async () => {
        const { auth } = fixture();
        const first = auth.checkReadOnly(context(`Bearer ${KEY}`).ctx, "Lead/openLead");
        await expect(first).rejects.toThrow("The API keys are not read yet");
        await first.catch((error: unknown) => expect(error).not.toBeInstanceOf(TerminalError));
        await settled();
        await expect(auth.checkReadOnly(context(`Bearer ${KEY}`).ctx, "Lead/openLead")).resolves.toBeDefined();
    });

    it("looks again for a key missing from the last read (stored a moment ago): a retry finds it", async () => {
        let time = 1_000_000;
        const table = { records: [record(KEY, ["Lead/openLead"])] };
        const directory = new ApiKeyDirectory({ list: async () => [...table.records] }, { now: () => time });
        const auth = new Authorizer(directory, INTERNAL);
        auth.warmUp();
        await settled();
        time += 1_000;
        table.records.push(record(NARROW, ["Lead/openLead"]));
        const request = context(`Bearer ${NARROW}`, "inv_new_key");
        const first = auth.checkReadOnly(request.ctx, "Lead/openLead");
        await expect(first).rejects.toThrow("not in the last read of the keys");
        await first.catch((error: unknown) => expect(error).not.toBeInstanceOf(TerminalError));
        await settled();
        await expect(auth.checkReadOnly(request.ctx, "Lead/openLead")).resolves.toBeDefined();

        // An unknown key is refused for good on the attempt after a read that started after its first miss.
        time += 1_000;
        const unknown = context(`Bearer ${crypto.randomUUID()}`, "inv_unknown_key");
        await expect(auth.checkReadOnly(unknown.ctx, "Lead/openLead")).rejects.toThrow("looking again");
        await settled();
        const refused = auth.checkReadOnly(unknown.ctx, "Lead/openLead");
        await expect(refused).rejects.toMatchObject({ code: 401, message: AUTH_REASONS.unknown });
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
