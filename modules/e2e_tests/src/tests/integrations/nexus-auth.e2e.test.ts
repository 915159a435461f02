/**
 * Nexus as production splits it: retailers and subscriptions from the old Nexus API (HTTP Basic), stores from
 * AWS Nexus (a Cognito bearer token whose app client is read from Secrets Manager). The shared stack shows the
 * callers' flows work through that auth; two private stacks with wrong credentials show the caller gets a
 * clear 503 naming the cause at once, with a bounded number of Nexus calls (no retry storm).
 */

import type { Stack } from "devstack";
import { retailerFor, seed } from "sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnRequest, web2TextRequest } from "../../support/factories";
import { INTEGRATIONS, waitUntilSynced } from "../../support/leads";
import { startOwnStack } from "../../support/own-stack";
import { SandboxVendors, vendors } from "../../support/vendors";
import { createLead, ingress, leadState, type StackTarget, sharedTarget, targetOf } from "../../support/web2text";

const OLD_NEXUS_BASIC = `Basic ${btoa(`${seed.nexus.username}:${seed.nexus.password}`)}`;
const valid = retailerFor("valid");
const chicago = valid.locations[0];
if (!chicago) throw new Error("the seed's valid retailer has no location");

/** The calls the sandbox's Nexus stand-ins and their auth recorded after `mark` (see {@link nexusMark}). */
async function nexusCallsSince(sandbox: SandboxVendors, mark: number) {
    const [nexus, aws, secretsmanager, cognito] = await Promise.all(
        ["nexus", "nexus-aws", "secretsmanager", "cognito"].map((service) => sandbox.calls(service, mark)),
    );
    return { nexus: nexus ?? [], "nexus-aws": aws ?? [], secretsmanager: secretsmanager ?? [], cognito: cognito ?? [] };
}

/** The latest sequence number among those calls (a mark to read later calls from). */
async function nexusMark(sandbox: SandboxVendors): Promise<number> {
    const calls = Object.values(await nexusCallsSince(sandbox, 0)).flat();
    return calls.reduce((latest, c) => Math.max(latest, c.seq), 0);
}

const dealerStatus = (t: StackTarget, retailerId: string) =>
    ingress<Record<string, unknown>>(t, `/Dealer/${retailerId}/status`, { method: "GET" });

describe("Nexus with production-shaped auth (shared stack)", () => {
    const t = sharedTarget();

    it("WEB2TEXT create: retailer from old Nexus with Basic auth, store from AWS Nexus with a Cognito token", async () => {
        const mark = await nexusMark(vendors());
        const id = crypto.randomUUID();
        await createLead(t, web2TextRequest({ SyncImmediately: true }), id);
        const lead = await waitUntilSynced(t, id, INTEGRATIONS.WEB2TEXT);
        expect(lead.Integrations.Twilio?.Data).toMatchObject({
            StorePhoneNumber: `+1${chicago.Web2Text_Phone_Number.replace(/\D/g, "")}`,
        });

        const calls = await nexusCallsSince(vendors(), mark);
        const oldPaths = calls.nexus.map((c) => c.path);
        expect(oldPaths).toContain(`/nexus/retailers/${valid.UniversalRetailerId}`);
        expect(oldPaths).toContain(`/nexus/retailers/${valid.UniversalRetailerId}/subscriptions`);
        expect(new Set(calls.nexus.map((c) => c.headers.authorization))).toEqual(new Set([OLD_NEXUS_BASIC]));
        const storeReads = calls["nexus-aws"].filter((c) => c.path === "/nexus-aws/nexus/location");
        expect(storeReads.map((c) => c.query)).toContainEqual({ location_id: chicago.id });
        for (const call of calls["nexus-aws"]) expect(call.headers.authorization).toMatch(/^Bearer cognito-/);
    });

    it("Dealer status: retailer from old Nexus, every store from AWS Nexus", async () => {
        const mark = await nexusMark(vendors());
        const res = await dealerStatus(t, valid.UniversalRetailerId);
        expect(res.status, res.text).toBe(200);
        expect(res.body).toMatchObject({ Status: "VALID", Locations: valid.locations.map(() => expect.anything()) });

        const calls = await nexusCallsSince(vendors(), mark);
        expect(calls.nexus.map((c) => c.path)).toContain(`/nexus/retailers/${valid.UniversalRetailerId}`);
        const storeLists = calls["nexus-aws"].filter((c) => c.path === "/nexus-aws/nexus/retailerLocations");
        expect(storeLists.map((c) => c.query)).toContainEqual({ retailer_id: valid.UniversalRetailerId });
        for (const call of calls["nexus-aws"]) expect(call.headers.authorization).toMatch(/^Bearer cognito-/);
    });

    it("ACTON create syncs ActOn through its cached bearer token", async () => {
        const id = crypto.randomUUID();
        const request = actOnRequest({ SyncImmediately: true, Lead: { listId: `l-nexus-${id.slice(0, 8)}` } });
        await createLead(t, request, id);
        await waitUntilSynced(t, id, INTEGRATIONS.ACTON);
        const posts = (await vendors().calls("acton")).filter(
            (c) => c.headers["idempotency-key"] === `${id}:ActOn:create`,
        );
        expect(posts).toHaveLength(1);
        expect(posts[0]?.headers.authorization).toMatch(/^Bearer acton-/);
    });

    it("a Cognito token revoked by the sandbox is replaced (secret read, new token) and the call succeeds", async () => {
        const mark = await nexusMark(vendors());
        const revoked = await fetch(`${t.sandbox}/__sandbox/cognito/tokens`, { method: "DELETE" });
        expect(revoked.status).toBe(204);
        const res = await dealerStatus(t, valid.UniversalRetailerId);
        expect(res.status, res.text).toBe(200);
        const calls = await nexusCallsSince(vendors(), mark);
        expect(calls.secretsmanager.length).toBeGreaterThanOrEqual(1);
        expect(calls.secretsmanager[0]?.headers.authorization).toContain(`Credential=${seed.aws.accessKeyId}/`);
        expect(calls.cognito.length).toBeGreaterThanOrEqual(1);
        expect(calls.cognito[0]?.headers.authorization).toBe(
            `Basic ${btoa(`${seed.nexus.cognito.clientId}:${seed.nexus.cognito.clientSecret}`)}`,
        );
    });
});

/** A private stack started with one wrong Nexus setting; its sandbox's records count every Nexus call. */
function withWrongSetting(env: Record<string, string>) {
    const own: { stack?: Stack; t?: StackTarget; sandbox?: SandboxVendors } = {};
    beforeAll(async () => {
        own.stack = await startOwnStack({ leadProcessorEnv: env });
        own.t = targetOf(own.stack);
        own.sandbox = new SandboxVendors(own.t);
    });
    afterAll(async () => {
        await own.stack?.stop();
    });
    return () => {
        if (!own.t || !own.sandbox) throw new Error("the private stack has not started");
        return { t: own.t, sandbox: own.sandbox };
    };
}

describe("a wrong NEXUS_API_PASSWORD (private stack)", () => {
    const own = withWrongSetting({ NEXUS_API_PASSWORD: "not-the-password" });
    const cause = `Check retailer in Nexus failed: Nexus: GET /retailers/${valid.UniversalRetailerId} answered 401 (check NEXUS_API_USERNAME and NEXUS_API_PASSWORD)`;

    it("WEB2TEXT create and Dealer status answer 503 naming the refused login, after one call each; nothing is stored", async () => {
        const { t, sandbox } = own();
        const id = crypto.randomUUID();
        const create = await ingress(t, `/Lead/${id}/create`, { body: web2TextRequest() });
        expect(create.status, create.text).toBe(503);
        expect(create.text).toContain(cause);
        const status = await dealerStatus(t, valid.UniversalRetailerId);
        expect(status.status, status.text).toBe(503);
        expect(status.text).toContain(cause);

        const calls = await nexusCallsSince(sandbox, 0);
        expect(calls.nexus.map((c) => c.path)).toEqual([
            `/nexus/retailers/${valid.UniversalRetailerId}`,
            `/nexus/retailers/${valid.UniversalRetailerId}`,
        ]);
        expect([calls["nexus-aws"], calls.secretsmanager, calls.cognito]).toEqual([[], [], []]);
        expect(await leadState(t, id)).toMatchObject({ Status: "NONEXISTANT" });
    });
});

describe("a wrong NEXUS_AUTH_AWS_ACCESS_KEY_ID (private stack)", () => {
    const own = withWrongSetting({ NEXUS_AUTH_AWS_ACCESS_KEY_ID: "AKIANOTTHEKEY0000000" });
    const cause = `Nexus AWS secret: reading secret '${seed.nexus.awsSecretName}' failed: UnrecognizedClientException`;

    it("Dealer status and WEB2TEXT create answer 503 naming the secret read, after one read each; no token, no store read", async () => {
        const { t, sandbox } = own();
        const status = await dealerStatus(t, valid.UniversalRetailerId);
        expect(status.status, status.text).toBe(503);
        expect(status.text).toContain(`Fetch retailer locations from Nexus failed: ${cause}`);
        expect(status.text).toContain("check NEXUS_AUTH_AWS_ACCESS_KEY_ID");
        const id = crypto.randomUUID();
        const create = await ingress(t, `/Lead/${id}/create`, { body: web2TextRequest() });
        expect(create.status, create.text).toBe(503);
        expect(create.text).toContain(`Fetch location from Nexus failed: ${cause}`);

        const calls = await nexusCallsSince(sandbox, 0);
        expect(calls.secretsmanager).toHaveLength(2);
        expect(calls.secretsmanager[0]?.headers.authorization).toContain("Credential=AKIANOTTHEKEY0000000/");
        expect([calls.cognito, calls["nexus-aws"]]).toEqual([[], []]);
        expect(calls.nexus.length).toBe(4);
        expect(await leadState(t, id)).toMatchObject({ Status: "NONEXISTANT" });
    });
});
