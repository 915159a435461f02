/**
 * The reconcile timer of a WEB2TEXT lead (`Lead/{id}/reconcile`, every `LEAD_RECONCILE_INTERVAL`; PT3S on this
 * file's own stack, whose threads keep their default timers): one chain per lead, also after the lead's state
 * is wiped and the lead taken over from DynamoDB; a reconcile that finds nothing new writes nothing; the chain
 * ends when the lead closes; ingress cannot reach the handler.
 */
import { describe, expect, it } from "vitest";
import { eventually } from "../../support/api";
import { INTEGRATIONS, waitUntilSynced } from "../../support/leads";
import { useOwnStack } from "../../support/own-stack";
import { journalNames, leadInvocationRows, leadStateKeys, wipeLeadState } from "../../support/sandbox";
import {
    closeLead,
    createLead,
    ingress,
    leadState,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const t = useOwnStack({ leadProcessorEnv: { LEAD_RECONCILE_INTERVAL: "PT3S" } });

const reconciles = (leadId: string) => leadInvocationRows(t.admin, leadId, "reconcile");
const done = async (leadId: string) => (await reconciles(leadId)).filter((r) => r.status === "completed");
const pending = async (leadId: string) => (await reconciles(leadId)).filter((r) => r.status !== "completed");
/** Waits until one more reconcile of the lead has completed than `after`; returns it. */
async function nextReconcile(leadId: string, after: number) {
    return eventually("the next reconcile", async () => {
        const completed = await done(leadId);
        return completed.length > after ? completed.at(-1) : undefined;
    });
}

describe("the reconcile timer", WEB2TEXT_TEST_TIMEOUT, () => {
    it("reads the thread and writes nothing when nothing changed, then carries on", async () => {
        const leadId = await createLead(t, web2TextLead("chicago", uniquePhone()));
        const synced = await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
        const first = await nextReconcile(leadId, 0);
        const second = await nextReconcile(leadId, 1);
        for (const reconcile of [first, second]) {
            const names = await journalNames(t.admin, reconcile?.id ?? "");
            expect(names).toContain("Fetch Web2Text conversation");
            // The thread's reading carries its messages: RLM and DHQ copy from it without listing them again.
            expect(names).not.toContain("List conversation messages");
            expect(names).not.toContain("Project lead to DynamoDB");
        }
        const after = await leadState(t, leadId);
        expect(after).toEqual(synced);
        expect(await pending(leadId)).toHaveLength(1);
        await closeLead(t, leadId, "Test finished");
    });

    it("keeps one chain per lead, also after the lead's state is wiped and taken over", async () => {
        const leadId = await createLead(t, web2TextLead("evanston", uniquePhone()));
        await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
        for (let i = 0; i < 3; i += 1)
            expect((await ingress(t, `/Lead/${leadId}/sync`, { body: {} })).status).toBe(200);
        // Right after a reconcile ran, its successor is a whole interval away.
        await nextReconcile(leadId, (await done(leadId)).length);
        const [old, ...others] = await pending(leadId);
        expect(others).toEqual([]);

        // Wiping the state forgets the token: the next sync starts a new chain; the old one's next call is stale.
        await wipeLeadState(leadId, t.admin);
        expect((await ingress(t, `/Lead/${leadId}/sync`, { body: {} })).status).toBe(200);
        expect(await pending(leadId)).toHaveLength(2);
        await eventually("the old chain's call to end", async () => {
            const ended = (await done(leadId)).some((r) => r.id === old?.id);
            return ended ? true : undefined;
        });
        const stale = await journalNames(t.admin, old?.id ?? "");
        expect(stale).not.toContain("Fetch Web2Text conversation");
        // The new chain carries on alone.
        await nextReconcile(leadId, (await done(leadId)).length);
        expect(await pending(leadId)).toHaveLength(1);
        expect((await leadStateKeys(leadId, t.admin)).sort()).toEqual(["lead", "reconcileToken"]);
        await closeLead(t, leadId, "Test finished");
    });

    it("ends when the lead closes", async () => {
        const leadId = await createLead(t, web2TextLead("chicago", uniquePhone()));
        await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
        await closeLead(t, leadId, "Test finished");
        await eventually("no reconcile pending", async () => ((await pending(leadId)).length === 0 ? true : undefined));
        const last = (await done(leadId)).at(-1);
        expect(await journalNames(t.admin, last?.id ?? "")).not.toContain("Fetch Web2Text conversation");
        // No reconcile token left; the closed lead's expiry (LEAD_RETENTION) is pending instead.
        expect((await leadStateKeys(leadId, t.admin)).sort()).toEqual(["expiry", "lead"]);
    });

    it("is internal: ingress refuses Lead/reconcile", async () => {
        const leadId = await createLead(t, web2TextLead("chicago", uniquePhone()));
        const res = await ingress<{ message: string }>(t, `/Lead/${leadId}/reconcile`, { body: { token: "x" } });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain("not public");
        await closeLead(t, leadId, "Test finished");
    });
});
