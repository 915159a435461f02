import type { Stack } from "devstack";
import type { CallRecord } from "sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { leadItem } from "../../support/dynamo";
import { actOnRequest, web2TextRequest } from "../../support/factories";
import { INTEGRATIONS, syncedMessageIds, syncLead, waitForLead, waitUntilSynced } from "../../support/leads";
import { startOwnStack } from "../../support/own-stack";
import { sandboxSettings } from "../../support/sandbox";
import { SandboxVendors } from "../../support/vendors";
import { createLead, type StackTarget, targetOf } from "../../support/web2text";

/**
 * Vendor faults through the sandbox's fault switch. The switch is per vendor, not per lead, so these run on
 * a private stack: a fault set here cannot hit another file's leads on the shared stack, and theirs cannot
 * consume it. The cases run one after the other.
 */
let stack: Stack;
let t: StackTarget;
let sandbox: SandboxVendors;

beforeAll(async () => {
    stack = await startOwnStack();
    t = targetOf(stack);
    sandbox = new SandboxVendors(t);
});
afterAll(async () => {
    await stack?.stop();
});
afterEach(async () => {
    await sandbox.clearFaults();
    await sandboxSettings(t, { vendorIdempotency: false });
});

/** An ACTON lead created with an immediate sync; returns its id and e-mail. */
async function actOnLead() {
    const id = crypto.randomUUID();
    const request = actOnRequest({ SyncImmediately: true });
    await createLead(t, request, id);
    return { id, email: request.Lead["E-mail Address"] };
}

/** The FloorForce calls of one lead (faulted ones included) and the forms FloorForce stored for it. */
async function floorForceOf(id: string) {
    const key = `${id}:FloorForce:create`;
    const calls = (await sandbox.calls("floorforce")).filter((c) => c.headers["idempotency-key"] === key);
    const forms = (await sandbox.floorForce()).filter((f) => f.idempotencyKey === key);
    return { calls, forms };
}

const gapsMs = (calls: CallRecord[]) => calls.slice(1).map((c, i) => Date.parse(c.at) - Date.parse(calls[i]?.at ?? ""));

describe("vendor faults (private stack)", () => {
    it("a slow vendor: the projection shows SYNCING while a sync runs, from a create's sync and from Lead/sync", async () => {
        const projected = async (id: string) => (await leadItem(id, stack))?.Status;
        await sandbox.fault({ service: "floorforce", delayMs: 4_000, count: 1 });
        const { id } = await actOnLead();
        expect(await projected(id)).toBe("SYNCING");
        await waitUntilSynced(t, id, INTEGRATIONS.ACTON);
        await eventually("the projection to show ACTIVE", async () =>
            (await projected(id)) === "ACTIVE" ? true : undefined,
        );

        const later = crypto.randomUUID();
        await createLead(t, actOnRequest({ SyncImmediately: false }), later);
        expect(await projected(later)).toBe("ACTIVE");
        await sandbox.fault({ service: "floorforce", delayMs: 4_000, count: 1 });
        const syncing = syncLead(t, later);
        await eventually("the projection to show SYNCING", async () =>
            (await projected(later)) === "SYNCING" ? true : undefined,
        );
        await syncing;
        expect(await projected(later)).toBe("ACTIVE");
    });

    it("a vendor failing its first 2 attempts heals within the same sync: SYNCED, one form", async () => {
        await sandbox.fault({ service: "floorforce", status: 503, count: 2 });
        const { id } = await actOnLead();
        const lead = await waitUntilSynced(t, id, INTEGRATIONS.ACTON);
        expect(lead.Integrations.FloorForce?.ErrorInfo).toBeUndefined();
        const { calls, forms } = await floorForceOf(id);
        expect(calls).toHaveLength(3);
        expect(forms).toHaveLength(1);
    });

    // FloorForce documents no idempotency key: a write that timed out on our side may still land, so the retry
    // makes a second form (at-least-once). Only a vendor that honoured the key would keep it to one.
    it.each([
        ["honours Idempotency-Key (not documented): one form", true, { forms: 1, replays: 1 }],
        ["documents none (the default): a second form, reported", false, { forms: 2, replays: 0 }],
    ] as const)(
        "a vendor timing out (answer after the client's 15 s) is retried; its late write lands at a vendor that %s",
        async (_what, vendorIdempotency, expected) => {
            await sandboxSettings(t, { vendorIdempotency });
            // The delayed call still reaches FloorForce after the client gave up, as a slow vendor's does.
            await sandbox.fault({ service: "floorforce", delayMs: 16_000, count: 1 });
            const { id } = await actOnLead();
            const lead = await waitUntilSynced(t, id, INTEGRATIONS.ACTON, 40_000);
            // Wait for the timed-out first call to land at FloorForce (after the retry wrote with the same key).
            const { calls, forms } = await eventually(
                "the timed-out call to land",
                async () => {
                    const seen = await floorForceOf(id);
                    const landed = seen.forms.length + seen.forms.reduce((sum, f) => sum + f.replays, 0);
                    return landed === 2 ? seen : undefined;
                },
                10_000,
            );
            expect(calls).toHaveLength(2);
            expect({ forms: forms.length, replays: forms.reduce((sum, f) => sum + f.replays, 0) }).toEqual(expected);
            if (forms.length > 1)
                console.info(`[faults e2e] at-least-once: FloorForce holds ${forms.length} forms of ${id}`);
            // Whatever the vendor kept, the lead records one FloorForce submission.
            expect(lead.Integrations.FloorForce?.SyncStatus).toBe("SYNCED");
        },
        60_000,
    );

    it("a 429 with Retry-After is retried after the vendor's delay, not the default backoff", async () => {
        await sandbox.fault({ service: "floorforce", status: 429, count: 1, retryAfter: 2 });
        const { id } = await actOnLead();
        await waitUntilSynced(t, id, INTEGRATIONS.ACTON);
        const { calls, forms } = await floorForceOf(id);
        expect(calls).toHaveLength(2);
        expect(gapsMs(calls)[0]).toBeGreaterThanOrEqual(1_900);
        expect(forms).toHaveLength(1);
    });

    it("a vendor down for the whole sync ends in ERROR (others SYNCED); after it recovers a sync completes, no duplicate", async () => {
        await sandbox.fault({ service: "dhq", status: 503, count: 1_000 });
        const id = crypto.randomUUID();
        const request = web2TextRequest({ SyncImmediately: true });
        await createLead(t, request, id);
        const failed = await waitForLead(
            t,
            id,
            "DHQ to end in ERROR",
            (lead) => lead.Status === "ACTIVE" && lead.Integrations.DHQ?.SyncStatus === "ERROR",
        );
        expect(failed.Integrations.Twilio?.SyncStatus).toBe("SYNCED");
        expect(failed.Integrations.RLM?.SyncStatus).toBe("SYNCED");
        expect(failed.Integrations.DHQ).toMatchObject({
            SyncStatus: "ERROR",
            ErrorInfo: {
                Message: "Error with DHQ lead submit endpoint",
                Details: { message: expect.stringContaining("answered 503") },
                ErrorDate: expect.any(String),
            },
        });
        expect(failed.Integrations.DHQ?.LastSynced).toBeUndefined();
        const attempts = (await sandbox.calls("dhq")).filter(
            (c) => c.headers["idempotency-key"] === `${id}:DHQ:create`,
        );
        expect(attempts.length).toBeGreaterThanOrEqual(2);
        const dhqOf = async () => (await sandbox.dhq()).filter((r) => r.inquiry.inquiry.external_id === id);
        expect(await dhqOf()).toEqual([]);

        await sandbox.clearFaults("dhq");
        const recovered = await syncLead(t, id);
        expect(recovered.Integrations.DHQ).toMatchObject({ SyncStatus: "SYNCED", LastSynced: expect.any(String) });
        expect(recovered.Integrations.DHQ?.ErrorInfo).toBeUndefined();
        // One more sync copies nothing twice.
        const again = await syncLead(t, id);

        const dhq = await dhqOf();
        expect(dhq).toHaveLength(1);
        const synced = syncedMessageIds(again, "DHQ");
        expect(synced.length).toBeGreaterThan(0);
        expect(dhq[0]?.comments.map((c) => c.idempotencyKey)).toEqual(synced.map((sid) => `${id}:DHQ:${sid}`));
        const rlm = (await sandbox.rlm()).filter((r) => r.idempotencyKey === `${id}:RLM:create`);
        expect(rlm).toHaveLength(1);
        expect(rlm[0]?.notes.map((n) => n.idempotencyKey)).toEqual(synced.map((sid) => `${id}:RLM:${sid}`));
    });
});
