/**
 * The bundled service (`bun run bundle`, run by Node 20 as the image runs it) starts from an env file holding
 * only the old system's variable names — no INTERNAL_API_TOKEN, DynamoDB through LOCAL_DYNAMODB_URL, the
 * development tables — registers with a stack's restate-server and serves an ACTON create through ingress,
 * whose create→sync internal call carries the credential derived from TWILIO_AUTH_TOKEN.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
    freePort,
    ManagedProcess,
    originalLeadProcessorEnv,
    REPO_ROOT,
    registerDeployment,
    type Stack,
    systemNode,
    waitUntil,
} from "devstack";
import {
    ApiKeysTable,
    createDocumentClient,
    deriveInternalToken,
    LeadStatesTable,
    ORIGINAL_SETTING_NAMES,
    tableNames,
} from "lead-processor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnRequest } from "../support/factories";
import { startOwnStack } from "../support/own-stack";
import { SandboxVendors } from "../support/vendors";
import { ingress, leadWhen, type StackTarget, targetOf } from "../support/web2text";

let own: Stack;
let t: StackTarget;
let service: ManagedProcess | undefined;
const app = mkdtempSync(join(tmpdir(), "lead-processor-bundle-"));
const envFile = join(app, "web2text.env");

beforeAll(async () => {
    own = await startOwnStack();
    t = targetOf(own);
}, 180_000);
afterAll(async () => {
    await service?.stop();
    await own?.stop();
    rmSync(app, { recursive: true, force: true });
});

describe("the bundled service from the old system's settings only", () => {
    it("starts, registers and creates a lead through ingress", async () => {
        const module = join(REPO_ROOT, "modules/lead_processor");
        const bundled = spawnSync(process.execPath, ["run", "bundle"], { cwd: module, encoding: "utf8" });
        expect(bundled.status, bundled.stderr).toBe(0);
        cpSync(join(module, "dist"), join(app, "dist"), { recursive: true });

        const env = originalLeadProcessorEnv(own.urls, own.seed);
        const original: readonly string[] = ORIGINAL_SETTING_NAMES;
        expect(Object.keys(env).filter((name) => !original.includes(name))).toEqual([]);
        expect(env).toMatchObject({ LOCAL_DYNAMODB_URL: own.urls.dynamo, DEPLOYMENT_ENV: "development" });
        expect(env).not.toHaveProperty("INTERNAL_API_TOKEN");
        writeFileSync(
            envFile,
            `${Object.entries(env)
                .map(([name, value]) => `${name}=${value}`)
                .join("\n")}\n`,
        );

        const node = systemNode();
        expect(spawnSync(node, ["--version"], { encoding: "utf8" }).stdout).toMatch(/^v20\./);
        // The old service listened on a fixed 9080; a shared test machine needs a free port, given apart from
        // the env file (whose names stay the old ones).
        const port = await freePort();
        service = new ManagedProcess({
            name: "bundled lead processor",
            command: [node, `--env-file=${envFile}`, "--enable-source-maps", "dist/main.js"],
            env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port) },
            cwd: app,
        });
        service.start();
        const running = service;
        await waitUntil("the bundled service listening", async () =>
            running.lines.some((line) => line.includes("Lead processor listening")),
        ).catch((error: Error) => {
            throw new Error(`${error.message}\n${running.tail(20).join("\n")}`);
        });
        const log = running.lines.join("\n");
        expect(log).toContain(
            "INTERNAL_API_TOKEN is not set: internal calls use the credential derived from TWILIO_AUTH_TOKEN",
        );
        // DEPLOYMENT_ENV=development → DEV tables, created because LOCAL_DYNAMODB_URL names a local DynamoDB.
        expect(log).toContain("DEV_Web2Text_LeadStates");
        await registerDeployment(own.urls.admin, `http://127.0.0.1:${port}`);

        const db = createDocumentClient({ region: "us-east-1", endpoint: own.urls.dynamo });
        const dev = tableNames("DEV");
        const key = crypto.randomUUID().toUpperCase();
        await new ApiKeysTable(db, dev.apiKeys).put({
            API_Key: key,
            Active: true,
            AuthorizedEndpoints: ["Lead/create", "Lead/status"],
            DateCreated: new Date().toISOString(),
        });
        const id = crypto.randomUUID();
        const request = actOnRequest({ SyncImmediately: true, Lead: { listId: `l-orig-${id.slice(0, 8)}` } });
        const created = await ingress(t, `/Lead/${id}/create`, { body: request, auth: `Bearer ${key.toLowerCase()}` });
        expect(created.status, created.text).toBe(200);
        // SyncImmediately: the first projection already says SYNCING (ACTIVE again once that sync has run).
        const item = await new LeadStatesTable(db, dev.leadStates).get(id);
        expect(item).toMatchObject({ LeadId: id, LeadType: "ACTON" });
        expect(["SYNCING", "ACTIVE"]).toContain(item?.Status);

        // create → sync is an internal call: it passes only with the derived credential every task shares.
        const target = { ...t, apiKey: deriveInternalToken(own.seed.twilio.authToken) };
        const synced = await leadWhen(target, id, "synced by the bundled service", (lead) =>
            ["ActOn", "FloorForce"].every((name) => lead.Integrations[name]?.SyncStatus === "SYNCED"),
        );
        expect(synced.Status).toBe("ACTIVE");
        const email = request.Lead["E-mail Address"].toLowerCase();
        expect((await new SandboxVendors(t).actOn()).filter((r) => r.email === email)).toHaveLength(1);
    }, 180_000);
});
