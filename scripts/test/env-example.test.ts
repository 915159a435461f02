import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "devstack";
import { LeadProcessorSettings } from "lead-processor";
import { HealthThresholdSettings } from "lead-processor/ops";
import { SandboxConfig } from "sandbox";
import { ProxyConfig } from "twilio-proxy";
import { describe, expect, it } from "vitest";
import { DEV_PORTS } from "../lib/dev-defaults";
import { parseEnvFile } from "../lib/env-file";

const text = readFileSync(join(REPO_ROOT, ".env.example"), "utf8");
const lines = text.split("\n");

/** Keys documented in the file, as `KEY=` or as a commented-out `# KEY=` line. */
const documented = new Set(
    lines.map((l) => /^(?:# )?([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter((k): k is string => k !== undefined),
);

describe(".env.example", () => {
    it.each([
        ["lead processor", Object.keys(LeadProcessorSettings.shape)],
        ["health figures (ops:health, health.js --emf)", Object.keys(HealthThresholdSettings.shape)],
        ["Twilio proxy", Object.keys(ProxyConfig.shape)],
        ["sandbox", Object.keys(SandboxConfig.shape)],
        ["dev command", [...Object.values(DEV_PORTS).map((p) => p.env), "DEV_DATA_DIR", "DEV_API_KEY"]],
        ["scripts", ["RESTATE_ADMIN_URL", "SERVICE_URL", "DYNAMODB_ENDPOINT", "TABLE_PREFIX"]],
    ])("documents every setting of the %s", (_name, keys) => {
        expect(keys.filter((k) => !documented.has(k))).toEqual([]);
    });

    it("has one comment line right above every setting", () => {
        lines.forEach((line, i) => {
            if (/^(?:# )?[A-Z][A-Z0-9_]*=/.test(line)) {
                expect(lines[i - 1], `line ${i + 1}: ${line}`).toMatch(/^# (?![A-Z][A-Z0-9_]*=)/);
            }
        });
    });

    it("defines each active key once and parses with the fetch-env parser", () => {
        const keys = parseEnvFile(text)
            .lines.filter((l) => l.kind === "entry")
            .map((l) => (l.kind === "entry" ? l.key : ""));
        expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    });

    it("carries no secrets: every secret-like setting is empty", () => {
        const secretLike = /(TOKEN|SECRET|PASSWORD|PASS|API_KEY|AUTH_USERNAME|ACCOUNT_SID|SERVICE_SID|CLIENT_ID)$/;
        const allowed = new Set(["INTERNAL_API_TOKEN", "DEV_API_KEY"]); // documented fake local values
        for (const line of parseEnvFile(text).lines) {
            if (line.kind === "entry" && secretLike.test(line.key) && !allowed.has(line.key)) {
                expect(line.value, line.key).toBe("");
            }
        }
    });
});
