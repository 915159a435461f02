/**
 * `bun run ops:health` and the image's `health.js --emf` against a stack of this file's own (the figures count
 * every lead of a stack, so a shared stack's other tests would move them): healthy on a quiet stack, then a
 * lead whose vendor is failing (a sandbox fault) shows up in one run, which exits non-zero at the default
 * thresholds; `--json` matches its schema and the EMF lines carry the vendor's count.
 */
import { HealthReport, healthEmfLines } from "lead-processor/ops";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { leadItem, seedOptOut } from "../../support/dynamo";
import { actOnRequest, customerPhone } from "../../support/factories";
import { waitForLead } from "../../support/leads";
import { useOwnStackHandle } from "../../support/own-stack";
import { runCommand, runScript } from "../../support/run-command";
import { SandboxVendors } from "../../support/vendors";
import { createLead } from "../../support/web2text";

const own = useOwnStackHandle();
const t = own.target;
const sandbox = new SandboxVendors(t);

/** The settings an operator gives the command for this stack (the lead processor's names). */
const settings = () => ({
    RESTATE_ADMIN_URL: own.stack().urls.admin,
    DYNAMODB_ENDPOINT: own.stack().urls.dynamo,
    TABLE_PREFIX: own.stack().tablePrefix,
    AWS_REGION: "us-east-1",
});
const opsHealth = (args: string[]) => runScript("scripts/ops/health.ts", args, settings());

const EmfLine = z.looseObject({
    _aws: z.object({
        CloudWatchMetrics: z.array(z.object({ Namespace: z.string(), Dimensions: z.array(z.array(z.string())) })),
    }),
    Environment: z.string(),
    Vendor: z.string().optional(),
    IntegrationErrors: z.number().optional(),
});

describe("ops:health against a running stack", { timeout: 240_000 }, () => {
    it("a quiet stack is healthy: exit 0; a STOP today is counted", async () => {
        await seedOptOut(customerPhone(), "+12125550101", own.stack());
        const run = await opsHealth([]);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.stdout).toContain("Integration errors (open leads)  none");
        expect(run.stdout).toMatch(/^ {2}Opt-outs in the last day {2}1$/m);
        expect(run.stdout).toMatch(/^HEALTHY: every figure is within its threshold$/m);
    });

    it("a lead whose vendor is failing shows up in one run, which exits 1; --json and --emf say the same", async () => {
        await sandbox.fault({ service: "floorforce", status: 503, count: 1_000 });
        const id = crypto.randomUUID();
        await createLead(t, actOnRequest({ SyncImmediately: true }), id);
        await waitForLead(
            t,
            id,
            "FloorForce to end in ERROR",
            (lead) => lead.Integrations.FloorForce?.SyncStatus === "ERROR",
        );
        // The vendor really was failing: FloorForce answered 503 to each of the lead's attempts.
        const attempts = (await sandbox.calls("floorforce")).filter(
            (c) => c.headers["idempotency-key"] === `${id}:FloorForce:create`,
        );
        expect(attempts.length).toBeGreaterThanOrEqual(2);
        expect(await leadItem(id, own.stack())).toMatchObject({
            Integrations: { FloorForce: { SyncStatus: "ERROR" } },
        });

        const callsBefore = (await sandbox.calls("floorforce")).length;
        const run = await opsHealth([]);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(1);
        expect(run.stdout).toContain("    FloorForce  1 lead(s)");
        expect(run.stdout).toContain(`      1 × Failed to create FloorForce Lead: ${id}`);
        expect(run.stdout).toMatch(
            /^UNHEALTHY: open leads with an integration in ERROR at FloorForce: 1 > 0 \(HEALTH_MAX_INTEGRATION_ERRORS\)$/m,
        );

        const json = await opsHealth(["--json"]);
        expect(json.code).toBe(1);
        const report = HealthReport.parse(JSON.parse(json.stdout));
        expect(report).toMatchObject({
            version: 1,
            healthy: false,
            tablePrefix: own.stack().tablePrefix,
            optOutsLastDay: 1,
        });
        expect(report.leads.integrationErrors).toEqual([
            {
                vendor: "FloorForce",
                leads: 1,
                errors: [{ message: "Failed to create FloorForce Lead", leads: 1, leadIds: [id] }],
            },
        ]);
        expect(report.breaches).toEqual([
            {
                figure: "integrationErrors",
                subject: "FloorForce",
                value: 1,
                max: 0,
                setting: "HEALTH_MAX_INTEGRATION_ERRORS",
            },
        ]);

        // A higher threshold makes the same figures healthy.
        const tolerant = await runScript("scripts/ops/health.ts", [], {
            ...settings(),
            HEALTH_MAX_INTEGRATION_ERRORS: "1",
        });
        expect(tolerant.code).toBe(0);

        const emf = await runCommand([process.execPath, "modules/lead_processor/src/health.ts", "--emf"], {
            env: settings(),
        });
        expect(emf.stderr).toBe("");
        expect(emf.code).toBe(0);
        const lines = emf.stdout
            .trim()
            .split("\n")
            .map((line) => EmfLine.parse(JSON.parse(line)));
        expect(lines.find((l) => l.Vendor === "FloorForce")).toMatchObject({
            Environment: "development",
            IntegrationErrors: 1,
        });
        expect(lines.every((l) => l._aws.CloudWatchMetrics[0]?.Namespace === "LeadProcessor")).toBe(true);
        expect(lines.map((l) => JSON.stringify(l))).toHaveLength(healthEmfLines(report).length);

        // Reading the figures sent nothing anywhere: no vendor call was made by the three runs.
        expect((await sandbox.calls("floorforce")).length).toBe(callsBefore);
        await sandbox.clearFaults();
    });

    it("bad flags and bad settings: one line, exit 2; an unreachable admin API: one line naming it, exit 3", async () => {
        const flag = await opsHealth(["--verbose"]);
        expect(flag.code).toBe(2);
        expect(flag.stderr).toBe("ops:health: unknown option '--verbose'; see bun run ops:health --help\n");
        const bad = await runScript("scripts/ops/health.ts", [], { ...settings(), HEALTH_STUCK_AFTER: "5m" });
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/^ops:health: bad settings: HEALTH_STUCK_AFTER: must be an ISO-8601 duration/);
        expect(bad.stderr.trim().split("\n")).toHaveLength(1);
        const down = await runScript("scripts/ops/health.ts", [], {
            ...settings(),
            RESTATE_ADMIN_URL: "http://127.0.0.1:9",
        });
        expect(down.code).toBe(3);
        expect(down.stderr).toMatch(
            /^ops:health: cannot read the invocations from the Restate admin API at http:\/\/127\.0\.0\.1:9 /,
        );
        expect(down.stdout).toBe("");
    });
});
