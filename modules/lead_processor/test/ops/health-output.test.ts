import { loadConfig } from "common";
import { describe, expect, it } from "vitest";
import { HEALTH_METRICS, HEALTH_NAMESPACE, healthEmfLines, KNOWN_VENDORS } from "../../src/ops/health-emf";
import { healthOutput, runHealth } from "../../src/ops/health-entry";
import { invocationFigures } from "../../src/ops/health-invocations";
import { leadFigures } from "../../src/ops/health-leads";
import { HealthReport, healthReport } from "../../src/ops/health-report";
import { HealthSettings } from "../../src/ops/health-settings";
import { healthText } from "../../src/ops/health-text";

const NOW = new Date("2026-12-03T12:00:00.000Z");

function report(): HealthReport {
    const s = loadConfig("health", HealthSettings, {
        RESTATE_ADMIN_URL: "http://127.0.0.1:9070",
        DEPLOYMENT_ENV: "production",
    });
    const invocations = invocationFigures(
        [
            {
                id: "inv_1",
                target: "Lead/x/sync",
                status: "backing-off",
                created_at: "2026-12-03T11:40:00.000Z",
                running_at: "2026-12-03T11:50:00.000Z",
                retry_count: 40,
                last_failure: "[500] RLM answered 503 for +15551234567",
            },
        ],
        NOW,
        s.stuckAfterMs,
    );
    const leads = leadFigures(
        [
            {
                LeadId: "lead-1",
                LeadType: "WEB2TEXT",
                Status: "ACTIVE",
                DateSubmitted: "2026-12-03T11:00:00.000Z",
                Integrations: { RLM: { SyncStatus: "ERROR", ErrorInfo: { Message: "Error with RLM lead endpoint" } } },
            },
        ],
        NOW,
        s.overdueAfterMs,
    );
    return healthReport(s, NOW, { invocations, leads, optOutsLastDay: 3 });
}

type Emf = {
    _aws: {
        Timestamp: number;
        CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
    };
} & Record<string, unknown>;

describe("EMF lines", () => {
    it("one line of figures per Environment and one IntegrationErrors line per vendor, in CloudWatch's EMF shape", () => {
        const lines = healthEmfLines(report()).map((line) => JSON.parse(line) as Emf);
        expect(lines).toHaveLength(1 + KNOWN_VENDORS.length);
        const [figures, ...vendors] = lines;
        expect(figures).toEqual({
            _aws: {
                Timestamp: NOW.getTime(),
                CloudWatchMetrics: [
                    {
                        Namespace: HEALTH_NAMESPACE,
                        Dimensions: [["Environment"]],
                        Metrics: [
                            { Name: "StuckInvocations", Unit: "Count" },
                            { Name: "PausedInvocations", Unit: "Count" },
                            { Name: "OldestStuckInvocationSeconds", Unit: "Seconds" },
                            { Name: "ActivePastClosedTimer", Unit: "Count" },
                            { Name: "OptOutsLastDay", Unit: "Count" },
                        ],
                    },
                ],
            },
            Environment: "production",
            StuckInvocations: 1,
            PausedInvocations: 0,
            OldestStuckInvocationSeconds: 600,
            ActivePastClosedTimer: 0,
            OptOutsLastDay: 3,
        });
        expect(HEALTH_NAMESPACE).toBe("LeadProcessor");
        expect(vendors.map((v) => v.Vendor)).toEqual(["Twilio", "Botpress", "RLM", "DHQ", "ActOn", "FloorForce"]);
        for (const line of vendors) {
            expect(line._aws.CloudWatchMetrics).toEqual([
                {
                    Namespace: "LeadProcessor",
                    Dimensions: [["Environment", "Vendor"]],
                    Metrics: [{ Name: HEALTH_METRICS.integrationErrors, Unit: "Count" }],
                },
            ]);
            expect(line.Environment).toBe("production");
            expect(line.IntegrationErrors).toBe(line.Vendor === "RLM" ? 1 : 0);
        }
    });
});

describe("text and JSON", () => {
    it("the JSON report parses with its schema; the text names the breach and masks phone numbers", () => {
        const r = report();
        expect(HealthReport.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
        const text = healthText(r);
        expect(text).toContain("1 retrying, 1 stuck (retrying PT5M or longer), 0 paused; oldest 10m 0s");
        expect(text).toContain("    RLM  1 lead(s)");
        expect(text).toContain("      1 × Error with RLM lead endpoint: lead-1");
        expect(text).not.toContain("15551234567");
        expect(text).toMatch(
            /UNHEALTHY: stuck invocations: 1 > 0 \(HEALTH_MAX_STUCK_INVOCATIONS\); open leads with an integration in ERROR at RLM: 1 > 0/,
        );
    });

    it("takes no flag, --emf or --json; anything else is one line and exit code 2 before reading anything", async () => {
        expect(healthOutput([])).toBe("text");
        expect(healthOutput(["--emf"])).toBe("emf");
        expect(healthOutput(["--json"])).toBe("json");
        const errors: string[] = [];
        const io = { out: () => {}, err: (line: string) => errors.push(line) };
        expect(await runHealth(["--emf", "--json"], {}, io)).toBe(2);
        expect(await runHealth(["--metrics"], {}, io)).toBe(2);
        expect(await runHealth(["--emf"], { RESTATE_ADMIN_URL: "not a url" }, io)).toBe(2);
        expect(errors).toEqual([
            "health: expected at most one flag, got '--emf --json'",
            "health: unknown argument '--metrics' (expected --emf or --json)",
            expect.stringMatching(/^health: bad settings: RESTATE_ADMIN_URL: /),
        ]);
    });

    it("a source that cannot be read is one line naming it, exit code 3", async () => {
        const errors: string[] = [];
        const code = await runHealth(
            ["--json"],
            { RESTATE_ADMIN_URL: "http://127.0.0.1:1", DYNAMODB_ENDPOINT: "http://127.0.0.1:1" },
            { out: () => {}, err: (line) => errors.push(line) },
        );
        expect(code).toBe(3);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^health: cannot read /);
    });
});
