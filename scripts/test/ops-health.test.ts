import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "devstack";
import { HEALTH_REPORT_VERSION, HealthReport } from "lead-processor/ops";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CliError } from "../lib/cli";
import { healthCommand } from "../ops/health";
import { parseCommand } from "../ops/lib";

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema };

/** Every field path of a JSON schema (`a`, `a.b`, `a[].c`), with its JSON type. */
function fieldPaths(schema: JsonSchema, prefix = ""): string[] {
    if (schema.type === "array" && schema.items) return fieldPaths(schema.items, `${prefix}[]`);
    return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
        const path = prefix ? `${prefix}.${name}` : name;
        return [`${path}: ${[field.type ?? "any"].flat().join("|")}`, ...fieldPaths(field, path)];
    });
}

describe("ops:health --json", () => {
    it("has the pinned shape of version 1 (a change here is a change for every script that reads it)", () => {
        expect(HEALTH_REPORT_VERSION).toBe(1);
        const schema = z.toJSONSchema(HealthReport, { io: "output" }) as JsonSchema;
        expect(fieldPaths(schema)).toEqual([
            "version: number",
            "checkedAt: string",
            "environment: string",
            "tablePrefix: string",
            "stuckAfter: string",
            "closedTimer: string",
            "invocations: object",
            "invocations.retrying: number",
            "invocations.stuck: number",
            "invocations.paused: number",
            "invocations.oldestStuckSeconds: number",
            "invocations.examples: array",
            "invocations.examples[].id: string",
            "invocations.examples[].target: string",
            "invocations.examples[].status: string",
            "invocations.examples[].retryCount: number",
            "invocations.examples[].sinceSeconds: number",
            "invocations.examples[].lastFailure: string|null",
            "leads: object",
            "leads.scanned: number",
            "leads.unreadable: number",
            "leads.integrationErrors: array",
            "leads.integrationErrors[].vendor: string",
            "leads.integrationErrors[].leads: number",
            "leads.integrationErrors[].errors: array",
            "leads.integrationErrors[].errors[].message: string",
            "leads.integrationErrors[].errors[].leads: number",
            "leads.integrationErrors[].errors[].leadIds: array",
            "leads.activePastClosedTimer: object",
            "leads.activePastClosedTimer.count: number",
            "leads.activePastClosedTimer.leadIds: array",
            "optOutsLastDay: number",
            "thresholds: object",
            "thresholds.stuckInvocations: number",
            "thresholds.pausedInvocations: number",
            "thresholds.integrationErrorsPerVendor: number",
            "thresholds.activePastClosedTimer: number",
            "thresholds.optOutsLastDay: number",
            "breaches: array",
            "breaches[].figure: string",
            "breaches[].subject: string",
            "breaches[].value: number",
            "breaches[].max: number",
            "breaches[].setting: string",
            "healthy: boolean",
        ]);
    });

    it("is documented field by field in docs/operations.md", () => {
        const docs = readFileSync(join(REPO_ROOT, "docs/operations.md"), "utf8");
        const section = docs.slice(docs.indexOf("## Health figures"));
        expect(section.length).toBeLessThan(docs.length);
        const schema = z.toJSONSchema(HealthReport, { io: "output" }) as JsonSchema;
        const fields = fieldPaths(schema).map((p) => p.split(":")[0] ?? "");
        expect(fields.filter((field) => !section.includes(`\`${field}\``))).toEqual([]);
    });
});

describe("ops:health command line", () => {
    it("takes --json and nothing else: a bad flag or an argument is one line with exit code 2", () => {
        const parsed = parseCommand(healthCommand, ["--json"]);
        expect(parsed).toEqual({ help: false, args: { json: true } });
        for (const [argv, message] of [
            [["--jsn"], "unknown option '--jsn'; see bun run ops:health --help"],
            [["now"], "unexpected argument 'now'; see bun run ops:health --help"],
            [["--json=yes"], "--json takes no value; see bun run ops:health --help"],
        ] as const) {
            let error: unknown;
            try {
                parseCommand(healthCommand, [...argv]);
            } catch (e) {
                error = e;
            }
            expect(error).toBeInstanceOf(CliError);
            expect(error).toMatchObject({ message, exitCode: 2 });
        }
    });

    it("--help lists every threshold setting and the exit codes", () => {
        const parsed = parseCommand(healthCommand, ["--help"]);
        if (!parsed.help) throw new Error("expected help");
        for (const name of [
            "HEALTH_STUCK_AFTER",
            "HEALTH_MAX_STUCK_INVOCATIONS",
            "HEALTH_MAX_PAUSED_INVOCATIONS",
            "HEALTH_MAX_INTEGRATION_ERRORS",
            "HEALTH_MAX_ACTIVE_PAST_CLOSED_TIMER",
            "HEALTH_MAX_OPT_OUTS_LAST_DAY",
            "RESTATE_ADMIN_URL",
        ]) {
            expect(parsed.text).toContain(name);
        }
        expect(parsed.text).toContain("exit codes: 0 healthy, 1 a threshold crossed, 2 bad arguments or settings");
    });
});
