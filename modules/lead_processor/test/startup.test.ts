/**
 * The service process refuses to start on a conversation timer below Twilio's minimum (Conversation resource:
 * `Timers.Inactive` at least 1 minute, `Timers.Closed` at least 10 minutes), with one line naming the setting,
 * instead of starting and failing every conversation create.
 */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { leadProcessorEnv } from "devstack";
import { seed } from "sandbox";
import { describe, expect, it } from "vitest";

const MODULE = join(import.meta.dirname, "..");
const local = "http://127.0.0.1:9";
const { DYNAMODB_ENDPOINT: _noLocalTables, ...stackEnv } = leadProcessorEnv(
    { ingress: local, admin: local, service: local, dynamo: local, proxy: local, sandbox: local },
    seed,
    { port: 0, internalToken: "internal-token-for-tests", tablePrefix: "TEST", logFormat: "json" },
);
/** Valid settings that reach nothing at start: no local DynamoDB endpoint, so no tables are created first. */
const VALID = { PATH: process.env.PATH ?? "", ...stackEnv };

describe("starting the lead processor", () => {
    it.each([
        [
            "TWILIO_CONVERSATION_CLOSED_TIMER",
            "PT5M",
            "TWILIO_CONVERSATION_CLOSED_TIMER: PT5M is shorter than PT10M, Twilio's minimum for this timer",
        ],
        [
            "TWILIO_CONVERSATION_INACTIVE_TIMER",
            "PT30S",
            "TWILIO_CONVERSATION_INACTIVE_TIMER: PT30S is shorter than PT1M, Twilio's minimum for this timer",
        ],
        ["LEAD_RECONCILE_INTERVAL", "PT0S", "LEAD_RECONCILE_INTERVAL: PT0S is shorter than PT1S"],
    ])("refuses %s=%s with one line naming it", (name, value, line) => {
        const started = spawnSync(process.execPath, ["src/main.ts"], {
            cwd: MODULE,
            env: { ...VALID, [name]: value },
            encoding: "utf8",
            timeout: 30_000,
        });
        expect(started.status).toBe(1);
        const problems = started.stderr.split("\n").filter((l) => l.startsWith("  - "));
        expect(problems).toEqual([`  - ${line}`]);
    });

    it("starts with timers at Twilio's minimums", async () => {
        const child = spawn(process.execPath, ["src/main.ts"], {
            cwd: MODULE,
            env: { ...VALID, TWILIO_CONVERSATION_INACTIVE_TIMER: "PT1M", TWILIO_CONVERSATION_CLOSED_TIMER: "PT10M" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        const listening = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), 30_000);
            child.stdout.on("data", (chunk: Buffer) => {
                output += chunk.toString();
                if (output.includes("Lead processor listening")) {
                    clearTimeout(timer);
                    resolve(true);
                }
            });
            child.on("exit", () => resolve(false));
        });
        child.kill("SIGTERM");
        expect(listening, output).toBe(true);
    }, 40_000);
});
