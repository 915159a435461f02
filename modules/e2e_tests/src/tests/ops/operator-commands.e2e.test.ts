/**
 * The operator commands (`bun run lead:show | lead:resync | lead:close | optout:check`) against the shared e2e
 * stack, configured the way an operator configures them: RESTATE_INGRESS_URL, RESTATE_ADMIN_URL, API_KEY,
 * DYNAMODB_ENDPOINT and TABLE_PREFIX.
 */
import { describe, expect, it } from "vitest";
import { call, stack } from "../../support/api";
import { seedOptOut } from "../../support/dynamo";
import { actOnRequest, customerPhone, web2TextRequest } from "../../support/factories";
import { runScript } from "../../support/run-command";

type Script = "lead-show" | "lead-resync" | "lead-close" | "optout-check";

/** Runs `bun scripts/ops/<script>.ts …` with the stack's settings (plus `env`); resolves with its output. */
function run(script: Script, args: string[], env: Record<string, string> = {}) {
    const { urls, apiKey, tablePrefix } = stack();
    return runScript(`scripts/ops/${script}.ts`, args, {
        RESTATE_INGRESS_URL: urls.ingress,
        RESTATE_ADMIN_URL: urls.admin,
        API_KEY: apiKey,
        DYNAMODB_ENDPOINT: urls.dynamo,
        TABLE_PREFIX: tablePrefix,
        AWS_REGION: "us-east-1",
        ...env,
    });
}

/** Creates a lead through ingress and returns its id. */
async function createLead(request: unknown): Promise<string> {
    const leadId = crypto.randomUUID();
    const res = await call(`/Lead/${leadId}/create`, { body: request });
    if (res.status !== 200) throw new Error(`create: ${res.status} ${res.text}`);
    return leadId;
}

// Every test spawns `bun` a few times; on a busy machine each spawn takes seconds.
describe("operator commands against the stack", { timeout: 180_000 }, () => {
    it("lead:resync syncs a lead and prints each integration's state", async () => {
        const leadId = await createLead(actOnRequest());
        const result = await run("lead-resync", [leadId]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain(`lead:resync: synced lead ${leadId}: status ACTIVE`);
        expect(result.stdout).toMatch(/^ {4}ActOn\s+SYNCED\s+last synced \d{4}-/m);
        expect(result.stdout).toMatch(/^ {4}FloorForce\s+SYNCED\s+last synced \d{4}-/m);
    });

    it("lead:show summarizes state, projection and invocations; --json gives the raw data", async () => {
        const leadId = await createLead(actOnRequest());
        const resynced = await run("lead-resync", [leadId]);
        expect(resynced.code, resynced.stderr).toBe(0);
        const shown = await run("lead-show", [leadId]);
        expect(shown.code, shown.stderr).toBe(0);
        const out = shown.stdout;
        expect(out).toContain(`Lead ${leadId}`);
        expect(out).toMatch(/^ {2}Status\s+ACTIVE$/m);
        expect(out).toMatch(/^ {2}Type\s+ACTON$/m);
        expect(out).toMatch(/^ {2}Retailer\s+[0-9a-f-]{36}$/m);
        expect(out).toMatch(/^ {4}ActOn\s+SYNCED\s+last synced \d{4}-/m);
        expect(out).toMatch(/^ {4}FloorForce\s+SYNCED\s+last synced \d{4}-/m);
        expect(out).toMatch(
            /^ {2}DynamoDB\s+TEST_Web2Text_LeadStates at .*: item matches the state \(Status ACTIVE\)$/m,
        );
        expect(out).toMatch(/^ {2}Invocations\s+2 \(Restate admin /m);
        expect(out).toMatch(/^ {4}\S+Z {2}create {2}completed {2}inv_\w+ {2}ingress {2}succeeded$/m);
        expect(out).toMatch(/^ {4}\S+Z {2}sync {4}completed {2}inv_\w+ {2}ingress {2}succeeded$/m);
        expect(out).toMatch(/^ {4}and \d+ status read\(s\), not listed/m);

        const json = await run("lead-show", [leadId, "--json"]);
        expect(json.code, json.stderr).toBe(0);
        const report = JSON.parse(json.stdout) as {
            state: { Status: string; LeadId: string };
            projection: { LeadId: string; Status: string };
            invocations: { id: string; target: string; target_handler_name: string; status: string }[];
        };
        expect(report.state).toMatchObject({ Status: "ACTIVE", LeadId: leadId });
        expect(report.projection).toMatchObject({ LeadId: leadId, Status: "ACTIVE" });
        expect(report.invocations.map((i) => i.target_handler_name)).toEqual(
            expect.arrayContaining(["create", "sync", "status"]),
        );
        expect(report.invocations.every((i) => i.target.startsWith(`Lead/${leadId}/`))).toBe(true);
    });

    it("lead:show keeps a WEB2TEXT lead's phone out of its summary", async () => {
        const phone = customerPhone();
        const leadId = await createLead(web2TextRequest({ Lead: { PhoneNumber: phone } }));
        const shown = await run("lead-show", [leadId]);
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stdout).toMatch(/^ {2}Type\s+WEB2TEXT$/m);
        expect(shown.stdout).toMatch(/^ {2}Retailer\s+6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01, location [0-9a-f-]{36}$/m);
        expect(shown.stdout).toContain("(none yet: the lead has not synced)");
        expect(shown.stdout).not.toContain(phone.slice(2));
    });

    it("lead:show follows a rejected create: no state, but the failed invocation and its reason", async () => {
        const leadId = crypto.randomUUID();
        const rejected = await call(`/Lead/${leadId}/create`, {
            body: web2TextRequest({ UniversalRetailerId: "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c02" }),
        });
        expect(rejected.status).toBe(400);
        const shown = await run("lead-show", [leadId]);
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stdout).toMatch(/^ {2}Status\s+NONEXISTANT$/m);
        expect(shown.stdout).toContain(": no item");
        expect(shown.stdout).toMatch(
            /create {2}completed {2}inv_\w+ {2}ingress {2}failed: \[400\] Retailer is INVALID/,
        );
    });

    it("lead:close closes with the reason, and says when an earlier reason is kept", async () => {
        const leadId = await createLead(actOnRequest());
        const closed = await run("lead-close", [leadId, "--reason", "Duplicate of another lead"]);
        expect(closed.code, closed.stderr).toBe(0);
        expect(closed.stdout).toContain(`lead:close: lead ${leadId} is CLOSED`);
        expect(closed.stdout).toMatch(/^ {2}Close reason\s+Duplicate of another lead$/m);
        const again = await run("lead-close", [leadId, "--reason", "Something else"]);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toContain(
            "Duplicate of another lead  (the lead already had a reason; the first one is kept)",
        );
    });

    it("optout:check prints OPTED-OUT with our numbers, or OPTED-IN, with the phone masked", async () => {
        const phone = customerPhone();
        await seedOptOut(phone, "+12125550102");
        const out = await run("optout-check", [phone]);
        expect(out.code, out.stderr).toBe(0);
        expect(out.stdout.trim()).toBe(`+*******${phone.slice(-4)}: OPTED-OUT from +12125550102`);
        expect(out.stdout).not.toContain(phone);

        const notation = `(405) 555-0${String(Math.floor(Math.random() * 900) + 100)}`;
        const clear = await run("optout-check", [notation]);
        expect(clear.code, clear.stderr).toBe(0);
        expect(clear.stdout.trim()).toMatch(/^\+\*{7}\d{4}: OPTED-IN$/);
    });

    // One bad command line per command here; scripts/test/ops.test.ts covers argument parsing in full.
    it.each<[Script, string[], string]>([
        [
            "lead-show",
            ["not-a-uuid"],
            "lead:show: 'not-a-uuid' is not a lead id (a UUID); see bun run lead:show --help",
        ],
        [
            "lead-resync",
            [crypto.randomUUID(), "--verbose"],
            "lead:resync: unknown option '--verbose'; see bun run lead:resync --help",
        ],
        ["lead-close", [crypto.randomUUID()], 'lead:close: --reason "<text>" is required'],
        ["optout-check", ["call-me"], "optout:check: 'call-me' is not a phone number"],
    ])("%s %j fails with exit code 2 and one clear line", async (script, args, message) => {
        const result = await run(script, args);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain(message);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
    });

    it("prints --help with the settings, and exits 0", async () => {
        for (const script of ["lead-show", "lead-resync", "lead-close", "optout-check"] as const) {
            const help = await run(script, ["--help"]);
            expect(help.code, script).toBe(0);
            expect(help.stdout).toMatch(/^usage: bun run (lead:show|lead:resync|lead:close|optout:check) /);
            expect(help.stdout).toContain("RESTATE_INGRESS_URL");
            expect(help.stdout).toContain("API_KEY");
        }
    });

    it("fails with exit code 1 on a refused key, a lead in the wrong status, an unreachable stack, or an unknown lead", async () => {
        const leadId = await createLead(actOnRequest());
        const refused = await run("lead-resync", [leadId], { API_KEY: crypto.randomUUID() });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain("the API key from API_KEY was refused");
        expect(refused.stderr).toContain("'Lead/sync'");

        await run("lead-close", [leadId, "--reason", "done"]);
        const closed = await run("lead-resync", [leadId]);
        expect(closed.code).toBe(1);
        expect(closed.stderr).toContain(`could not sync lead ${leadId} (409)`);

        const down = await run("optout-check", ["+13125550100"], { RESTATE_INGRESS_URL: "http://127.0.0.1:9" });
        expect(down.code).toBe(1);
        expect(down.stderr).toContain("cannot reach Restate ingress at http://127.0.0.1:9");

        const unknown = crypto.randomUUID();
        const missing = await run("lead-show", [unknown]);
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain(`no lead ${unknown}`);
    });
});
