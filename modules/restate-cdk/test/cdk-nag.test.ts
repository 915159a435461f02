import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnvironment } from "../config/environments";
import { buildEnvironment } from "../lib/environment-app";
import { ENVIRONMENT_NAMES } from "../lib/names";
import { cliContext } from "./support/synth";

const outdirs: string[] = [];

afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

interface ValidationReport {
    pluginReports: {
        pluginName: string;
        violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
}

/**
 * Synthesises every stack of an environment with cdk-nag's AwsSolutions pack as a validation plugin and returns
 * its unacknowledged findings as `<rule> <construct path>` (synthesis stops on the first report with any).
 */
function awsSolutionsFindings(env: (typeof ENVIRONMENT_NAMES)[number]): string[] {
    const outdir = mkdtempSync(path.join(tmpdir(), `restate-cdk-nag-${env}-`));
    outdirs.push(outdir);
    const app = new App({ outdir, context: cliContext() });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    buildEnvironment(app, loadEnvironment(env));
    try {
        app.synth();
        return [];
    } catch (error) {
        const report: ValidationReport = JSON.parse(readFileSync(path.join(outdir, "validation-report.json"), "utf8"));
        const findings = report.pluginReports
            .filter((r) => r.pluginName === "AwsSolutions")
            .flatMap((r) =>
                r.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)),
            );
        // A failure that is not a finding (a broken stack) must not pass as "no findings".
        if (findings.length === 0) throw error;
        return findings;
    }
}

describe.each(ENVIRONMENT_NAMES)("cdk-nag AwsSolutions, %s", (env) => {
    it("reports no unacknowledged finding in any stack (each acknowledgement sits next to its resource)", () => {
        expect(awsSolutionsFindings(env)).toEqual([]);
    });
});
