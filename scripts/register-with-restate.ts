/**
 * `bun scripts/register-with-restate.ts` — clears the state and in-flight invocations of Lead, OpenLeads, LeadLookup,
 * Dealer, Admin and TwilioWebhooks (as `clear-restate` does), then registers the lead processor at `SERVICE_URL`
 * (default http://127.0.0.1:9080) with the Restate CLI using `--force`, against `RESTATE_ADMIN_URL`
 * (default http://127.0.0.1:9070). Run it whenever handlers are added, removed or renamed.
 */
import { spawn } from "node:child_process";
import { restateCliBinary } from "devstack";
import { clearRestateCommand, restateAdminFromEnv } from "./clear-restate";
import { CliError, runCli, say } from "./lib/cli";
import { envOr } from "./lib/dev-defaults";

const NAME = "register-with-restate";
export const DEFAULT_SERVICE_URL = "http://127.0.0.1:9080";

function runRestateCli(args: string[], adminUrl: string): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(restateCliBinary(), args, {
            env: { ...process.env, RESTATE_ADMIN_URL: adminUrl, NO_COLOR: "1", CLICOLOR: "0" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
        });
        child.stderr.on("data", (chunk: Buffer) => {
            output += chunk.toString();
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, output }));
    });
}

async function main(): Promise<void> {
    await clearRestateCommand(NAME);
    const admin = restateAdminFromEnv();
    const serviceUrl = envOr("SERVICE_URL", DEFAULT_SERVICE_URL).replace(/\/+$/, "");
    say(NAME, `registering ${serviceUrl} (restate deployments register --force)`);
    const { code, output } = await runRestateCli(
        ["deployments", "register", serviceUrl, "--force", "--yes"],
        admin.url,
    );
    const lines = output
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    if (code !== 0) {
        const reason = lines.find((l) => /error|unable|fail/i.test(l)) ?? lines.at(-1) ?? `exit code ${code}`;
        throw new CliError(`registering ${serviceUrl} failed: ${reason}`);
    }
    const deployment = (await admin.deployments()).find((d) => d.uri?.replace(/\/+$/, "") === serviceUrl);
    if (!deployment)
        throw new CliError(`the CLI reported success but ${serviceUrl} is not among Restate's deployments`);
    say(
        NAME,
        `registered ${serviceUrl} as ${deployment.id} with services ${deployment.services.map((s) => s.name).join(", ")}`,
    );
}

if (import.meta.main) await runCli(NAME, main);
