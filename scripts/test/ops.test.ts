import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CliError } from "../lib/cli";
import { DEFAULT_DEV_API_KEY } from "../lib/dev-defaults";
import { leadCloseCommand } from "../ops/lead-close";
import { leadResyncCommand } from "../ops/lead-resync";
import { type LeadReport, leadShowCommand, projectionDiff, renderLead } from "../ops/lead-show";
import { type Command, invocationsQuery, opsSettings, parseCommand } from "../ops/lib";
import { optoutCheckCommand } from "../ops/optout-check";

const LEAD = "3b0c5b8e-5d3f-4c61-9a7e-2f1d4c6b8a10";

function failure(fn: () => unknown): CliError {
    try {
        fn();
    } catch (error) {
        if (error instanceof CliError) return error;
        throw error;
    }
    throw new Error("expected a CliError");
}

const args = <V>(command: Command<V>, argv: string[]): V => {
    const parsed = parseCommand(command, argv);
    if (parsed.help) throw new Error("unexpected --help");
    return parsed.args;
};

describe("operator command settings", () => {
    it("default to the local dev stack and its seeded key", () => {
        expect(opsSettings({})).toEqual({
            ingress: "http://127.0.0.1:8080",
            admin: "http://127.0.0.1:9070",
            apiKey: DEFAULT_DEV_API_KEY,
            apiKeyFrom: "the dev stack's seeded key",
            dynamoEndpoint: undefined,
            tablePrefix: "DEV",
            region: "us-east-1",
        });
    });

    it("come from the environment; API_KEY wins over INTERNAL_API_TOKEN", () => {
        const settings = opsSettings({
            RESTATE_INGRESS_URL: "https://restate.example.com/",
            RESTATE_ADMIN_URL: "http://10.0.0.5:9070",
            API_KEY: "key-1",
            INTERNAL_API_TOKEN: "internal-token",
            DYNAMODB_ENDPOINT: "http://127.0.0.1:8000",
            TABLE_PREFIX: "PROD",
            AWS_REGION: "us-west-2",
        });
        expect(settings).toMatchObject({
            ingress: "https://restate.example.com",
            admin: "http://10.0.0.5:9070",
            apiKey: "key-1",
            apiKeyFrom: "API_KEY",
            dynamoEndpoint: "http://127.0.0.1:8000",
            tablePrefix: "PROD",
            region: "us-west-2",
        });
        expect(opsSettings({ INTERNAL_API_TOKEN: "internal-token", API_KEY: " " })).toMatchObject({
            apiKey: "internal-token",
            apiKeyFrom: "INTERNAL_API_TOKEN",
        });
    });

    it("refuse a bad URL or table prefix with exit code 2", () => {
        expect(failure(() => opsSettings({ RESTATE_INGRESS_URL: "localhost 8080" }))).toMatchObject({
            exitCode: 2,
            message: "RESTATE_INGRESS_URL 'localhost 8080' is not a URL",
        });
        expect(failure(() => opsSettings({ TABLE_PREFIX: "dev" })).exitCode).toBe(2);
    });
});

describe("operator command lines", () => {
    it("parse the happy paths", () => {
        expect(args(leadShowCommand, [LEAD])).toEqual({ leadId: LEAD, json: false });
        expect(args(leadShowCommand, [LEAD.toUpperCase(), "--json"])).toEqual({ leadId: LEAD, json: true });
        expect(args(leadResyncCommand, [LEAD])).toEqual({ leadId: LEAD, timeoutSeconds: 120 });
        expect(args(leadResyncCommand, [LEAD, "--timeout", "30"])).toEqual({ leadId: LEAD, timeoutSeconds: 30 });
        expect(args(leadCloseCommand, [LEAD, "--reason", " Duplicate "])).toEqual({
            leadId: LEAD,
            reason: "Duplicate",
        });
        expect(args(leadCloseCommand, ["--reason=Sold", LEAD])).toEqual({ leadId: LEAD, reason: "Sold" });
        expect(args(optoutCheckCommand, ["(312) 555-0123"])).toEqual({ phone: "+13125550123", json: false });
    });

    it("answer --help (and -h) with the usage and the settings", () => {
        for (const command of [leadShowCommand, leadResyncCommand, leadCloseCommand, optoutCheckCommand]) {
            for (const flag of ["--help", "-h"]) {
                const parsed = parseCommand(command as Command<unknown>, [flag]);
                expect(parsed.help).toBe(true);
                if (parsed.help) {
                    expect(parsed.text).toMatch(new RegExp(`^usage: bun run ${command.name} `));
                    expect(parsed.text).toContain("RESTATE_ADMIN_URL");
                }
            }
        }
    });

    it.each<[string, Command<unknown>, string[], string]>([
        ["a bad UUID", leadShowCommand, ["123"], "'123' is not a lead id (a UUID); see bun run lead:show --help"],
        ["no lead id", leadResyncCommand, [], "missing <leadId>; see bun run lead:resync --help"],
        ["a second argument", leadShowCommand, [LEAD, LEAD], `unexpected argument '${LEAD}'`],
        ["an unknown flag", leadShowCommand, [LEAD, "--all"], "unknown option '--all'; see bun run lead:show --help"],
        ["a bad --timeout", leadResyncCommand, [LEAD, "--timeout", "0"], "--timeout '0' must be a whole number"],
        ["a missing --reason", leadCloseCommand, [LEAD], '--reason "<text>" is required'],
        ["an empty --reason", leadCloseCommand, [LEAD, "--reason", "  "], '--reason "<text>" is required'],
        ["--reason without a value", leadCloseCommand, [LEAD, "--reason"], "--reason needs a value"],
        ["a long --reason", leadCloseCommand, [LEAD, "--reason", "x".repeat(1001)], "at most 1000 characters"],
        ["a bad UUID with --reason", leadCloseCommand, ["abc", "--reason", "x"], "'abc' is not a lead id"],
        ["not a phone", optoutCheckCommand, ["hello"], "'hello' is not a phone number"],
        ["no phone", optoutCheckCommand, [], "missing <phone>"],
    ])("refuse %s with one line and exit code 2", (_name, command, argv, message) => {
        const error = failure(() => parseCommand(command, argv));
        expect(error.exitCode).toBe(2);
        expect(error.message).toContain(message);
        expect(error.message).not.toContain("\n");
    });
});

describe("lead:show", () => {
    const report: LeadReport = {
        leadId: LEAD,
        state: {
            Status: "ACTIVE",
            LeadId: LEAD,
            LeadType: "WEB2TEXT",
            UniversalRetailerId: "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01",
            DateSubmitted: "2026-11-28T12:00:00.000Z",
            Lead: { LocationId: "a1e0c9d2-5b7f-4e3a-8c21-3f9d0b1a2c01", PhoneNumber: "+13125550123" },
            Integrations: {
                Twilio: { SyncStatus: "SYNCED", LastSynced: "2026-11-28T12:00:01.000Z" },
                RLM: {
                    SyncStatus: "ERROR",
                    ErrorInfo: {
                        Message: "An error occurred during sync",
                        ErrorDate: "2026-11-28T12:00:02.000Z",
                        Details: { message: "RLM refused lead for +13125550123" },
                    },
                },
            },
        },
        projection: {
            LeadId: LEAD,
            Status: "SYNCING",
            Integrations: { Twilio: { SyncStatus: "SYNCED", LastSynced: "2026-11-28T12:00:01.000Z" } },
        },
        invocations: [
            {
                id: "inv_1",
                target: `Lead/${LEAD}/create`,
                target_handler_name: "create",
                status: "completed",
                created_at: "2026-11-28T12:00:00.000Z",
                modified_at: null,
                invoked_by: "ingress",
                invoked_by_target: null,
                retry_count: null,
                last_failure: null,
                completion_result: "success",
                completion_failure: null,
                trace_id: null,
            },
            {
                id: "inv_2",
                target: `Lead/${LEAD}/sync`,
                target_handler_name: "sync",
                status: "backing-off",
                created_at: "2026-11-28T12:00:00.500Z",
                modified_at: null,
                invoked_by: "service",
                invoked_by_target: `Lead/${LEAD}/create`,
                retry_count: 3,
                last_failure: "[500] RLM timed out for +13125550123",
                completion_result: null,
                completion_failure: null,
                trace_id: null,
            },
            {
                id: "inv_3",
                target: `Lead/${LEAD}/status`,
                target_handler_name: "status",
                status: "completed",
                created_at: "2026-11-28T12:00:03.000Z",
                modified_at: null,
                invoked_by: "ingress",
                invoked_by_target: null,
                retry_count: null,
                last_failure: null,
                completion_result: "success",
                completion_failure: null,
                trace_id: null,
            },
        ],
    };

    it("renders status, integrations, projection differences and invocations, phones masked", () => {
        const text = renderLead(report, { projection: "TEST_Web2Text_LeadStates at local", admin: "http://admin" });
        expect(text).toContain(`Lead ${LEAD}`);
        expect(text).toMatch(/^ {2}Retailer\s+6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01, location a1e0c9d2-/m);
        expect(text).toMatch(/^ {4}Twilio {2}SYNCED {6}last synced 2026-11-28T12:00:01.000Z$/m);
        expect(text).toContain(
            "RLM     ERROR       never synced  error: An error occurred during sync (2026-11-28T12:00:02.000Z)",
        );
        expect(text).toContain("item differs: Status SYNCING (state: ACTIVE); RLM.SyncStatus (none) (state: ERROR)");
        expect(text).toMatch(/create {2}completed {4}inv_1 {2}ingress {2}succeeded$/m);
        expect(text).toContain(
            `sync    backing-off  inv_2  from Lead/${LEAD}/create  3 retries, last failure: [500] RLM timed out for +*******0123`,
        );
        expect(text).toContain("and 1 status read(s), not listed");
        expect(text).not.toContain("5550123");
    });

    it("finds no difference when the projection is the state", () => {
        expect(projectionDiff(report.state, report.state as unknown as Record<string, unknown>)).toEqual([]);
    });

    it("queries sys_invocation by the Lead object's key", () => {
        const sql = invocationsQuery("it's");
        expect(sql).toContain("FROM sys_invocation");
        expect(sql).toContain("WHERE target_service_name = 'Lead' AND target_service_key = 'it''s'");
        expect(sql).toContain("ORDER BY created_at");
    });

    it("runs the query docs/operations.md shows", () => {
        const doc = readFileSync(new URL("../../docs/operations.md", import.meta.url), "utf8").replace(/\s+/g, " ");
        expect(doc).toContain(invocationsQuery("$LEAD_ID").replace(/\s+/g, " "));
    });
});
