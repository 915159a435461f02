import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ENVIRONMENT_NAMES, MODULE_NAMES, stackNames, stacksForModule } from "../lib/names";
import {
    type CommandResult,
    cdkCommand,
    checkCredentials,
    credentialSource,
    type DeployArgs,
    parseDeployArgs,
    USAGE,
} from "../scripts/deploy";

const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("parseDeployArgs", () => {
    const combinations = MODULE_NAMES.flatMap((m) => ENVIRONMENT_NAMES.map((e) => [m, e] as const));

    it.each(combinations)("accepts %s %s", (module, environment) => {
        expect(parseDeployArgs([module, environment])).toEqual({
            kind: "deploy",
            args: { module, environment, dryRun: false, cdkArgs: [] },
        });
    });

    it("accepts --dry-run anywhere and passes arguments after -- to cdk", () => {
        expect(parseDeployArgs(["--dry-run", "lead_processor", "development"])).toMatchObject({
            kind: "deploy",
            args: { dryRun: true },
        });
        expect(parseDeployArgs(["all", "production", "--", "--require-approval", "never"])).toEqual({
            kind: "deploy",
            args: { module: "all", environment: "production", dryRun: false, cdkArgs: ["--require-approval", "never"] },
        });
    });

    it("answers --help", () => {
        expect(parseDeployArgs(["--help"])).toEqual({ kind: "help" });
    });

    it.each([
        [[], "missing module"],
        [["lead_processor"], "missing environment"],
        [["foo", "development"], 'unknown module "foo"'],
        [["lead_processor", "staging"], 'unknown environment "staging"'],
        [["lead_processor", "development", "extra"], 'unexpected argument "extra"'],
        [["lead_processor", "development", "--force"], 'unknown option "--force"'],
        [["lead_processor", "development", "-f"], 'unknown option "-f"'],
        [["lead_processor", "development", "--dry-run=yes"], '"--dry-run" takes no value'],
        [["LEAD_PROCESSOR", "development"], "unknown module"],
    ])("rejects %j with one clear line", (argv, expected) => {
        const parsed = parseDeployArgs(argv);
        expect(parsed.kind).toBe("error");
        if (parsed.kind !== "error") return;
        expect(parsed.message).toContain(expected);
        expect(parsed.message).not.toContain("\n");
    });
});

describe("stacks per module", () => {
    it("never deploys another module's stack", () => {
        const s = stackNames("production");
        expect(stacksForModule("restate_server", "production")).toEqual([s.network, s.restateServer]);
        expect(stacksForModule("twilio_proxy", "production")).toEqual([s.network, s.twilioProxy]);
        expect(stacksForModule("lead_processor", "production")).toEqual([s.network, s.data, s.service]);
        expect(stacksForModule("all", "production")).toEqual(Object.values(s).sort((a, b) => order(a) - order(b)));
    });

    const order = (name: string) =>
        ["Network", "Data", "RestateServer", "TwilioProxy", "Service"].findIndex((part) => name.includes(`-${part}-`));

    it("builds the cdk command lines", () => {
        const args: DeployArgs = { module: "lead_processor", environment: "development", dryRun: false, cdkArgs: [] };
        expect(cdkCommand(args)).toEqual([
            "deploy",
            "LeadProcessor-Network-Development",
            "LeadProcessor-Data-Development",
            "LeadProcessor-Service-Development",
            "--exclusively",
            "--context",
            "env=development",
            "--no-notices",
        ]);
        expect(cdkCommand({ ...args, dryRun: true }, "/tmp/out")).toEqual([
            "synth",
            "LeadProcessor-Network-Development",
            "LeadProcessor-Data-Development",
            "LeadProcessor-Service-Development",
            "--exclusively",
            "--context",
            "env=development",
            "--no-notices",
            "--quiet",
            "--output",
            "/tmp/out",
        ]);
    });
});

describe("credentials", () => {
    const noFiles = () => false;

    it.each([
        [{ AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "x" }, "environment variables"],
        [{ AWS_PROFILE: "ops" }, "profile ops"],
        [{ AWS_WEB_IDENTITY_TOKEN_FILE: "/t", AWS_ROLE_ARN: "arn:aws:iam::1:role/x" }, "web identity"],
        [{ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/creds" }, "container"],
    ])("finds %j", (env, expected) => {
        expect(credentialSource(env, noFiles, "/home/nobody")).toBe(expected);
    });

    it("finds shared config files and nothing when there are none", () => {
        expect(credentialSource({}, (f) => f === "/home/me/.aws/config", "/home/me")).toBe(
            "shared config (/home/me/.aws/config)",
        );
        expect(credentialSource({ AWS_ACCESS_KEY_ID: "only-half" }, noFiles, "/home/me")).toBeUndefined();
    });

    const sts =
        (result: Partial<CommandResult>) =>
        (command: string, args: string[]): CommandResult => {
            expect([command, ...args]).toEqual(["aws", "sts", "get-caller-identity", "--output", "json"]);
            return { status: 0, stdout: "", stderr: "", ...result };
        };
    const env = { AWS_PROFILE: "ops" };

    it("reports missing credentials in one line", () => {
        const problem = checkCredentials("123456789012", {}, sts({}), noFiles, "/home/nobody");
        expect(problem).toMatch(/^no AWS credentials found/);
        expect(problem).not.toContain("\n");
    });

    it("accepts credentials for the environment's account", () => {
        const ok = sts({ stdout: JSON.stringify({ Account: "123456789012", Arn: "arn:aws:sts::123456789012:x" }) });
        expect(checkCredentials("123456789012", env, ok, noFiles)).toBeUndefined();
    });

    it("rejects credentials for another account, expired credentials, and skips the check without the AWS CLI", () => {
        const other = sts({ stdout: JSON.stringify({ Account: "999999999999" }) });
        expect(checkCredentials("123456789012", env, other, noFiles)).toContain("are for account 999999999999");
        const expired = sts({ status: 255, stderr: "\nAn error occurred (ExpiredToken): token expired\n" });
        expect(checkCredentials("123456789012", env, expired, noFiles)).toBe(
            "AWS credentials from profile ops are not usable: An error occurred (ExpiredToken): token expired",
        );
        expect(checkCredentials("123456789012", env, sts({ missing: true, status: null }), noFiles)).toBeUndefined();
    });
});

describe("deploy script process", () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
        spawnSync(process.execPath, ["scripts/deploy.ts", ...args], {
            cwd: MODULE_DIR,
            encoding: "utf8",
            env: { PATH: process.env.PATH ?? "", ...env },
        });

    it("prints one line and exits 2 on a bad module", () => {
        const result = run(["foo", "development"]);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr.trim().split("\n")).toEqual([
            'deploy: unknown module "foo" (expected lead_processor, twilio_proxy, restate_server, all)',
        ]);
    });

    it("prints usage and exits 2 without arguments", () => {
        const result = run([]);
        expect(result.status).toBe(2);
        expect(result.stderr.trim()).toBe(`deploy: missing module; ${USAGE}`);
    });

    it("--dry-run of a cluster environment's Restate server lists the node services and their one-at-a-time order", () => {
        // Offline: cdk synth with the committed context, then the plan; no credentials needed.
        const result = run(["restate_server", "production", "--dry-run"], { HOME: "/nonexistent-home-for-test" });
        expect(result.stderr).not.toContain("deploy:");
        expect(result.status).toBe(0);
        const services = result.stdout.split("\n").filter((line) => /^ {4}restate-server-production/.test(line));
        expect(services).toEqual([
            "    restate-server-production: desired 1, min 0 % / max 100 %, dns restate-node-1",
            "    restate-server-production-2: desired 1, min 0 % / max 100 %, dns restate-node-2, after restate-server-production",
            "    restate-server-production-3: desired 1, min 0 % / max 100 %, dns restate-node-3, after restate-server-production-2",
        ]);
        expect(result.stdout).toContain("  deployment: one service at a time, in this order;");
        expect(result.stdout).toContain(
            "Would run: cdk deploy LeadProcessor-Network-Production LeadProcessor-RestateServer-Production --exclusively",
        );
    }, 180_000);

    it("exits 1 with one line when no credentials exist (nothing is deployed)", () => {
        const result = run(["restate_server", "development"], { HOME: "/nonexistent-home-for-test" });
        expect(result.status).toBe(1);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(result.stderr).toContain("deploy: no AWS credentials found");
    });
});
