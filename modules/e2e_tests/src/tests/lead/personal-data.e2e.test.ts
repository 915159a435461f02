/**
 * Personal data that expires and can be erased (issue 18). A CLOSED lead forgets itself `LEAD_RETENTION` after
 * its close (PT15S on this file's own stack, so no other file's closed leads vanish under it): Restate state and
 * projection item gone, and a lead taken over after its state was wiped keeps that moment while the expiry
 * pending from before does nothing. `Admin/erase` of a phone leaves nothing of it in Restate state or DynamoDB
 * but the opt-out fact, also for a lead whose sync a slow vendor holds while the erase arrives.
 */
import type { Stack } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { eventually } from "../../support/api";
import { leadItem, leadItemsOfPhone, optOutItem } from "../../support/dynamo";
import { actOnRequest } from "../../support/factories";
import { INTEGRATIONS, waitUntilSynced } from "../../support/leads";
import { startOwnStack } from "../../support/own-stack";
import { restateRows, sqlString } from "../../support/restate-sql";
import { journalNames, leadInvocationRows, leadStateKeys, wipeLeadState } from "../../support/sandbox";
import { conversation, textAs } from "../../support/twilio";
import { SandboxVendors } from "../../support/vendors";
import {
    closeLead,
    createLead,
    ingress,
    leadState,
    leadWhen,
    type StackTarget,
    targetOf,
    twilioSynced,
    uniquePhone,
    WEB2TEXT_TEST_TIMEOUT,
    web2TextLead,
} from "../../support/web2text";

const RETENTION_S = 15;
let own: Stack;
let t: StackTarget;
beforeAll(async () => {
    own = await startOwnStack({ leadProcessorEnv: { LEAD_RETENTION: `PT${RETENTION_S}S` } });
    t = targetOf(own);
}, 180_000);
afterAll(async () => {
    await own?.stop();
});

/** Every Restate state row of the given objects, or holding the phone (E.164 or its national digits). */
function stateRowsAbout(phone: string, keys: string[]) {
    const digits = phone.slice(2);
    return restateRows(
        t.admin,
        `SELECT service_name, service_key, key FROM state WHERE service_key IN (${keys.map(sqlString).join(", ")})
           OR service_key LIKE ${sqlString(`%${digits}%`)} OR value_utf8 LIKE ${sqlString(`%${digits}%`)}`,
        z.object({ service_name: z.string(), service_key: z.string(), key: z.string() }),
    );
}

/**
 * Waits until no Restate state row is about the phone or the leads (one-way index updates sent by the erase may
 * still be on their way) and returns the rows seen last.
 */
async function noStateLeft(phone: string, keys: string[]) {
    let rows: Awaited<ReturnType<typeof stateRowsAbout>> = [];
    await eventually("no Restate state of the phone", async () => {
        rows = await stateRowsAbout(phone, keys);
        return rows.length === 0 ? true : undefined;
    }).catch(() => undefined);
    return rows;
}

/** Waits until every invocation of `Lead/{leadId}/{handler}` (at least one) has completed; returns them, oldest first. */
function ranToEnd(leadId: string, handler: string) {
    return eventually(
        `Lead/${leadId}/${handler} to run`,
        async () => {
            const rows = await leadInvocationRows(t.admin, leadId, handler);
            return rows.length > 0 && rows.every((r) => r.status === "completed") ? rows : undefined;
        },
        90_000,
    );
}

const EraseAnswer = z.object({
    PhoneNumber: z.string(),
    Count: z.number(),
    LeadIds: z.array(z.string()),
    Erased: z.record(z.string(), z.number()).optional(),
    KeptHere: z.array(z.string()),
    KeptAtVendors: z.array(z.string()),
});

async function erase(body: unknown) {
    const res = await ingress(t, "/Admin/erase", { body });
    expect(res.status, res.text).toBe(200);
    return EraseAnswer.parse(res.body);
}

describe("a closed lead's personal data", WEB2TEXT_TEST_TIMEOUT, () => {
    it("is gone from Restate state and DynamoDB after the retention, with one expiry however often it closes", async () => {
        const leadId = await createLead(t, web2TextLead("chicago", uniquePhone()));
        await waitUntilSynced(t, leadId, INTEGRATIONS.WEB2TEXT);
        const before = Math.floor(Date.now() / 1000);
        await closeLead(t, leadId, "Test finished");
        await closeLead(t, leadId, "Closed again");
        const after = Math.ceil(Date.now() / 1000);

        const item = await leadItem(leadId, own);
        expect(item).toMatchObject({ Status: "CLOSED", CloseReason: "Test finished" });
        expect(item?.ExpiresAt).toBeGreaterThanOrEqual(before + RETENTION_S);
        expect(item?.ExpiresAt).toBeLessThanOrEqual(after + RETENTION_S);
        expect(await leadStateKeys(leadId, t.admin)).toContain("expiry");
        expect(await leadInvocationRows(t.admin, leadId, "expire")).toHaveLength(1);

        const [expiry] = await ranToEnd(leadId, "expire");
        expect(await journalNames(t.admin, expiry?.id ?? "")).toContain("Delete lead from DynamoDB");
        expect(await leadStateKeys(leadId, t.admin)).toEqual([]);
        expect(await leadItem(leadId, own)).toBeUndefined();
        expect(await leadState(t, leadId)).toEqual({ Status: "NONEXISTANT", Integrations: {} });
        // A late sync finds nothing to bring back.
        expect((await ingress(t, `/Lead/${leadId}/sync`, { body: {} })).status).toBe(409);
        expect(await leadItem(leadId, own)).toBeUndefined();
    });
});

describe("a closed lead whose state was wiped", WEB2TEXT_TEST_TIMEOUT, () => {
    it("is taken over with its expiry at its item's ExpiresAt; the expiry pending from before does nothing", async () => {
        const leadId = await createLead(t, actOnRequest());
        await closeLead(t, leadId, "Test finished");
        const closed = await leadItem(leadId, own);
        await wipeLeadState(leadId, t.admin);

        // The next exclusive call takes the lead over and schedules its expiry again, for the same moment.
        await closeLead(t, leadId, "Closed again");
        expect(await leadItem(leadId, own)).toMatchObject({
            CloseReason: "Test finished",
            ExpiresAt: closed?.ExpiresAt,
        });
        const runs = await ranToEnd(leadId, "expire");
        expect(runs).toHaveLength(2);
        const deleted = await Promise.all(
            runs.map(async (r) => (await journalNames(t.admin, r.id)).includes("Delete lead from DynamoDB")),
        );
        expect(deleted.filter(Boolean)).toHaveLength(1);
        expect(await leadStateKeys(leadId, t.admin)).toEqual([]);
        expect(await leadItem(leadId, own)).toBeUndefined();
    });
});

describe("Admin/erase", WEB2TEXT_TEST_TIMEOUT, () => {
    it("leaves nothing of a phone with an open and a closed lead but the opt-out fact", async () => {
        const phone = uniquePhone();
        const open = await createLead(t, web2TextLead("chicago", phone));
        const openThread = await twilioSynced(t, open);
        await waitUntilSynced(t, open, INTEGRATIONS.WEB2TEXT);
        const stopped = await createLead(t, web2TextLead("evanston", phone));
        const stoppedThread = await twilioSynced(t, stopped);
        // The customer opts out in the second thread: that lead closes and the opt-out is recorded.
        await textAs(t, phone, stoppedThread.CustomerProxyNumber, "unsubscribe");
        await leadWhen(t, stopped, "closed by the opt-out", (l) => l.Status === "CLOSED");

        // The probe below finds the phone in Restate state by its value (not only by the leads' keys).
        expect(await stateRowsAbout(phone, [crypto.randomUUID()])).not.toEqual([]);
        const answer = await erase({
            PhoneNumber: `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`,
            Async: false,
        });
        expect(answer).toMatchObject({ PhoneNumber: phone, Count: 2 });
        expect(answer.LeadIds.sort()).toEqual([open, stopped].sort());
        expect(answer.Erased).toMatchObject({ Leads: 2, ClosedFirst: 1, ProjectionItems: 2 });
        expect(answer.KeptAtVendors.join("\n")).toMatch(/RLM[\s\S]*DealerHQ[\s\S]*Twilio/);

        // The open lead went through the usual close path first: its thread is closed at Twilio.
        expect((await conversation(t, openThread.ConversationSID)).state).toBe("closed");
        expect(await noStateLeft(phone, [open, stopped])).toEqual([]);
        expect(await leadItemsOfPhone(phone, own)).toEqual([]);
        for (const id of [open, stopped]) {
            expect(await leadItem(id, own)).toBeUndefined();
            expect((await leadState(t, id)).Status).toBe("NONEXISTANT");
        }
        // The opt-out fact stays, with its date and numbers, and without the text the customer sent.
        const optOut = await optOutItem(phone, own);
        expect(optOut?.OptedOutNumbers[stoppedThread.CustomerProxyNumber]).toMatchObject({
            DateOptedOut: expect.any(String),
            OptOutRequest: { Source: "conversation", OptOutType: "STOP" },
        });
        expect(JSON.stringify(optOut)).not.toContain("unsubscribe");
        expect(
            (await ingress(t, "/TwilioWebhooks/checkOptInStatus", { body: { PhoneNumber: phone } })).body,
        ).toMatchObject({ Status: "OPTED-OUT" });
    });

    it("erases a lead whose sync a slow vendor holds, and it stays erased", async () => {
        const phone = uniquePhone();
        const vendors = new SandboxVendors(t);
        await vendors.fault({ service: "rlm", delayMs: 8000, count: 1 });
        const leadId = await createLead(t, web2TextLead("chicago", phone));
        await eventually("the create's sync to be running", async () => {
            const rows = await leadInvocationRows(t.admin, leadId, "sync");
            return rows.some((r) => r.status === "running") ? true : undefined;
        });

        const answer = await erase({ PhoneNumber: phone });
        expect(answer).toMatchObject({ PhoneNumber: phone, Count: 1, LeadIds: [leadId] });
        expect(answer.Erased).toBeUndefined(); // Async: the lead is erased in its own invocation

        const [erased] = await ranToEnd(leadId, "erase");
        // The sync finished and projected the lead; the erase, queued behind it, closed and removed it.
        const [sync] = await leadInvocationRows(t.admin, leadId, "sync");
        expect(sync?.status).toBe("completed");
        expect(await journalNames(t.admin, sync?.id ?? "")).toContain("Project lead to DynamoDB");
        expect(await journalNames(t.admin, erased?.id ?? "")).toEqual(
            expect.arrayContaining(["Project lead to DynamoDB", "Delete lead from DynamoDB"]),
        );
        expect(await noStateLeft(phone, [leadId])).toEqual([]);
        // What stays at the vendors, as the answer says: RLM holds the lead the held sync created there.
        expect((await vendors.rlm()).filter((r) => r.idempotencyKey === `${leadId}:RLM:create`)).toHaveLength(1);
        expect(await leadItemsOfPhone(phone, own)).toEqual([]);
        expect((await ingress(t, `/Lead/${leadId}/sync`, { body: {} })).status).toBe(409);
        expect((await leadState(t, leadId)).Status).toBe("NONEXISTANT");
        expect(await leadItem(leadId, own)).toBeUndefined();
    });

    it("refuses a body that is not a phone number, naming the field, and erases nothing", async () => {
        const res = await ingress<{ message: string }>(t, "/Admin/erase", { body: { PhoneNumber: "12" } });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain("PhoneNumber");
        const keyless = await ingress(t, "/Admin/erase", { body: { PhoneNumber: uniquePhone() }, auth: null });
        expect(keyless.status).toBe(401);
    });
});
