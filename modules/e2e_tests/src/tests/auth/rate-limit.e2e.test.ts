/**
 * The in-process guard: one API key sending faster than its limit gets 429 with the time to wait, and nothing
 * of a refused request is stored or sent; another key is unaffected. A stack of this file's own, with a limit
 * small enough that the outcome does not depend on how fast the machine is: 3 at once, then one per 100 s.
 */
import { describe, expect, it } from "vitest";
import { leadItem, seedApiKey } from "../../support/dynamo";
import { actOnRequest } from "../../support/factories";
import { INTEGRATIONS, waitUntilSynced } from "../../support/leads";
import { useOwnStackHandle } from "../../support/own-stack";
import { SandboxVendors } from "../../support/vendors";
import { ingress, type StackTarget } from "../../support/web2text";

const LIMIT = "0.01/s burst 3";

const own = useOwnStackHandle({ leadProcessorEnv: { API_KEY_RATE_LIMIT: LIMIT } });
const t = own.target;

interface RestateErrorBody {
    code: number;
    message: string;
    metadata?: Record<string, string>;
}

describe("per-key rate limit (API_KEY_RATE_LIMIT)", { timeout: 180_000 }, () => {
    it("a key over its limit gets 429 with retryAfterSeconds, stores and sends nothing; another key goes on", async () => {
        const stack = own.stack();
        const sandbox = new SandboxVendors(t);
        /** The same stack seen with the internal credential, which is not limited: for reading leads back. */
        const internal: StackTarget = { ...t, apiKey: stack.internalToken };
        const other = await seedApiKey(["Lead/create", "Lead/status"], {}, stack);
        const ids = Array.from({ length: 6 }, () => crypto.randomUUID());
        const answers = [];
        for (const id of ids) {
            const res = await fetch(`${t.ingress}/Lead/${id}/create`, {
                method: "POST",
                headers: { authorization: `Bearer ${t.apiKey}`, "content-type": "application/json" },
                body: JSON.stringify(actOnRequest({ SyncImmediately: true })),
            });
            answers.push({
                id,
                status: res.status,
                retryAfter: res.headers.get("retry-after"),
                body: await res.text(),
            });
        }
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429, 429, 429]);
        for (const refused of answers.slice(3)) {
            const body = JSON.parse(refused.body) as RestateErrorBody;
            expect(body).toMatchObject({
                code: 429,
                message: expect.stringMatching(
                    /^Too many requests for this API key \(limit 0\.01\/s burst 3\); retry after \d+ s$/,
                ),
                metadata: { limit: LIMIT, retryAfterSeconds: expect.stringMatching(/^\d+$/) },
            });
            const seconds = Number(body.metadata?.retryAfterSeconds);
            expect(seconds).toBeGreaterThanOrEqual(1);
            expect(seconds).toBeLessThanOrEqual(100);
            // Restate ingress cannot set response headers: the wait travels in the body (documented).
            expect(refused.retryAfter).toBeNull();
        }

        // Another key is unaffected, on any endpoint it may call; the throttled key stays refused everywhere.
        const otherId = crypto.randomUUID();
        const created = await ingress(t, `/Lead/${otherId}/create`, {
            body: actOnRequest({ SyncImmediately: true }),
            auth: `Bearer ${other}`,
        });
        expect(created.status).toBe(200);
        const status = await ingress(t, `/Lead/${otherId}/status`, { method: "GET", auth: `Bearer ${other}` });
        expect(status.status).toBe(200);
        const throttled = await ingress(t, `/Lead/${otherId}/status`, { method: "GET" });
        expect(throttled.status).toBe(429);

        // State and side effects: the accepted leads were stored and synced to the vendors; the refused ones
        // left no item and no vendor call.
        const accepted = [...answers.slice(0, 3).map((a) => a.id), otherId];
        for (const id of accepted) await waitUntilSynced(internal, id, INTEGRATIONS.ACTON);
        const forms = (await sandbox.calls("floorforce")).map((c) => c.headers["idempotency-key"]);
        for (const id of accepted) expect(forms).toContain(`${id}:FloorForce:create`);
        for (const refused of answers.slice(3)) {
            expect(await leadItem(refused.id, stack)).toBeUndefined();
            expect(forms).not.toContain(`${refused.id}:FloorForce:create`);
            const state = await ingress<{ Status: string }>(internal, `/Lead/${refused.id}/status`, { method: "GET" });
            expect(state.body).toEqual({ Status: "NONEXISTANT" });
        }
    });
});
