import { loadConfig } from "common";
import { describe, expect, it } from "vitest";
import { invocationFigures } from "../../src/ops/health-invocations";
import { leadFigures } from "../../src/ops/health-leads";
import { optOutsLastDay } from "../../src/ops/health-opt-outs";
import { healthReport } from "../../src/ops/health-report";
import { HealthSettings } from "../../src/ops/health-settings";

const NOW = new Date("2026-12-03T12:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const settings = (env: Record<string, string> = {}) =>
    loadConfig("health", HealthSettings, { RESTATE_ADMIN_URL: "http://127.0.0.1:9070", ...env });

const row = (id: string, status: string, runningSecondsAgo: number, retry = 3) => ({
    id,
    target: `Lead/${id}/sync`,
    status,
    created_at: ago(runningSecondsAgo + 5),
    running_at: ago(runningSecondsAgo),
    retry_count: retry,
    last_failure: "[500 Internal] FloorForce answered 503\n    at request (http.ts:1)",
});

describe("invocation figures", () => {
    it("counts retrying, stuck (retrying at least stuck-after) and paused, oldest first", () => {
        const figures = invocationFigures(
            [
                row("a", "backing-off", 30),
                row("b", "running", 400),
                row("c", "paused", 900),
                row("d", "backing-off", 300),
            ],
            NOW,
            300_000,
        );
        expect(figures).toMatchObject({ retrying: 3, stuck: 2, paused: 1, oldestStuckSeconds: 900 });
        expect(figures.examples.map((e) => e.id)).toEqual(["c", "b", "d", "a"]);
        expect(figures.examples[0]).toEqual({
            id: "c",
            target: "Lead/c/sync",
            status: "paused",
            retryCount: 3,
            sinceSeconds: 900,
            lastFailure: "[500 Internal] FloorForce answered 503",
        });
    });

    it("is all zeros with no troubled invocation; a never-run invocation counts from its creation", () => {
        expect(invocationFigures([], NOW, 300_000)).toEqual({
            retrying: 0,
            stuck: 0,
            paused: 0,
            oldestStuckSeconds: 0,
            examples: [],
        });
        const never = { ...row("e", "backing-off", 0), running_at: null, created_at: ago(60) };
        expect(invocationFigures([never], NOW, 300_000).oldestStuckSeconds).toBe(60);
    });
});

const lead = (id: string, fields: Record<string, unknown>) => ({
    LeadId: id,
    LeadType: "WEB2TEXT",
    Status: "ACTIVE",
    DateSubmitted: ago(60),
    Integrations: {},
    ...fields,
});
const error = (Message: string) => ({ SyncStatus: "ERROR", ErrorInfo: { Message, ErrorDate: ago(10) } });

describe("lead figures", () => {
    it("groups open leads in ERROR by vendor and message; closed leads and other states are left out", () => {
        const figures = leadFigures(
            [
                lead("l1", { Integrations: { DHQ: error("DHQ down"), RLM: { SyncStatus: "SYNCED" } } }),
                lead("l2", { Status: "SYNCING", Integrations: { DHQ: error("DHQ down") } }),
                lead("l3", { Integrations: { DHQ: error("Bad store"), RLM: error("RLM 401") } }),
                lead("l4", { Status: "CLOSED", Integrations: { DHQ: error("DHQ down") } }),
                { LeadId: "broken" },
            ],
            NOW,
            86_400_000,
        );
        expect(figures.scanned).toBe(5);
        expect(figures.unreadable).toBe(1);
        expect(figures.integrationErrors).toEqual([
            {
                vendor: "DHQ",
                leads: 3,
                errors: [
                    { message: "DHQ down", leads: 2, leadIds: ["l1", "l2"] },
                    { message: "Bad store", leads: 1, leadIds: ["l3"] },
                ],
            },
            { vendor: "RLM", leads: 1, errors: [{ message: "RLM 401", leads: 1, leadIds: ["l3"] }] },
        ]);
    });

    it("counts open WEB2TEXT leads submitted longer ago than closed timer + reconcile interval", () => {
        const day = 86_400;
        const figures = leadFigures(
            [
                lead("old", { DateSubmitted: ago(2 * day) }),
                lead("old-syncing", { Status: "SYNCING", DateSubmitted: ago(2 * day) }),
                lead("fresh", { DateSubmitted: ago(day / 2) }),
                lead("old-closed", { Status: "CLOSED", DateSubmitted: ago(2 * day) }),
                lead("old-acton", { LeadType: "ACTON", DateSubmitted: ago(2 * day) }),
            ],
            NOW,
            (day + 3600) * 1000,
        );
        expect(figures.activePastClosedTimer).toEqual({ count: 2, leadIds: ["old", "old-syncing"] });
        expect(figures.integrationErrors).toEqual([]);
    });
});

describe("opt-outs in the last day", () => {
    it("counts each (sender, number) pair whose DateOptedOut is within the 24 hours before now", () => {
        const items = [
            { OptedOutNumbers: { "+15550001": { DateOptedOut: ago(60) }, "+15550002": { DateOptedOut: ago(90_000) } } },
            { OptedOutNumbers: { "+15550001": { DateOptedOut: ago(86_000), OptOutRequest: { Body: "STOP" } } } },
            { OptedOutNumbers: "not a map" },
        ];
        expect(optOutsLastDay(items, NOW)).toBe(2);
        expect(optOutsLastDay([], NOW)).toBe(0);
    });
});

describe("settings and thresholds", () => {
    it("takes the service's defaults: DEV tables and P1D closed timer in development, PROD and P30D in production", () => {
        const dev = settings();
        expect(dev).toMatchObject({ environment: "development", tablePrefix: "DEV", closedTimer: "P1D" });
        expect(dev.overdueAfterMs).toBe((86_400 + 3600) * 1000);
        expect(dev.thresholds).toEqual({
            stuckInvocations: 0,
            pausedInvocations: 0,
            integrationErrorsPerVendor: 0,
            activePastClosedTimer: 0,
            optOutsLastDay: 100,
        });
        const prod = settings({ DEPLOYMENT_ENV: "production", LOCAL_DYNAMODB_URL: "http://127.0.0.1:8000" });
        expect(prod).toMatchObject({
            tablePrefix: "PROD",
            closedTimer: "P30D",
            dynamoEndpoint: "http://127.0.0.1:8000",
        });
    });

    it("refuses a bad threshold or a missing admin URL, naming the setting", () => {
        expect(() => settings({ HEALTH_MAX_STUCK_INVOCATIONS: "-1" })).toThrow(
            /HEALTH_MAX_STUCK_INVOCATIONS: must be a whole number, 0 or more/,
        );
        expect(() => settings({ HEALTH_STUCK_AFTER: "5 minutes" })).toThrow(/HEALTH_STUCK_AFTER: must be an ISO-8601/);
        expect(() => loadConfig("health", HealthSettings, {})).toThrow(/RESTATE_ADMIN_URL: is required but not set/);
    });

    it("breaches only figures above their maximum, per vendor for integration errors", () => {
        const s = settings({ HEALTH_MAX_INTEGRATION_ERRORS: "1", HEALTH_MAX_OPT_OUTS_LAST_DAY: "2" });
        const leads = leadFigures(
            [
                lead("a", { Integrations: { DHQ: error("down") } }),
                lead("b", { Integrations: { DHQ: error("down"), RLM: error("x") } }),
            ],
            NOW,
            s.overdueAfterMs,
        );
        const invocations = invocationFigures([row("p", "paused", 10)], NOW, s.stuckAfterMs);
        const report = healthReport(s, NOW, { invocations, leads, optOutsLastDay: 2 });
        expect(report.healthy).toBe(false);
        expect(report.breaches).toEqual([
            { figure: "pausedInvocations", value: 1, max: 0, setting: "HEALTH_MAX_PAUSED_INVOCATIONS" },
            { figure: "integrationErrors", subject: "DHQ", value: 2, max: 1, setting: "HEALTH_MAX_INTEGRATION_ERRORS" },
        ]);
        const calm = healthReport(s, NOW, { invocations: invocationFigures([], NOW, 1), leads, optOutsLastDay: 0 });
        expect(calm.breaches.map((b) => b.figure)).toEqual(["integrationErrors"]);
    });
});
