import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, REPO_ROOT, type Stack, startStack } from "devstack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Runs a root script (`bun scripts/<name>.ts`) with extra environment; resolves with its exit code and output. */
function runScript(name: string, env: Record<string, string>) {
    const child = spawn(process.execPath, [`scripts/${name}.ts`], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
    });
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
        child.on("close", (code) => resolve({ code, stdout, stderr })),
    );
}

async function adminQuery<T>(adminUrl: string, sql: string): Promise<T[]> {
    const res = await fetch(`${adminUrl}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: sql }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { rows: T[] }).rows;
}

/** DynamoDB's JSON protocol straight over HTTP (dynalite checks that a SigV4 header is present, not its signature). */
async function dynamo<T = Record<string, unknown>>(endpoint: string, action: string, body: unknown): Promise<T> {
    const res = await fetch(endpoint, {
        method: "POST",
        headers: {
            "content-type": "application/x-amz-json-1.0",
            "x-amz-target": `DynamoDB_20120810.${action}`,
            "x-amz-date": "20260101T000000Z",
            authorization:
                "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00",
        },
        body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`DynamoDB ${action}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
}

const bytes = (value: unknown) => [...new TextEncoder().encode(JSON.stringify(value))];

describe("reset, clear-restate, clear-dynamodb and register-with-restate against a running stack", () => {
    let stack: Stack;
    let scriptEnv: Record<string, string>;

    beforeAll(async () => {
        stack = await startStack({
            onUnexpectedExit: ({ name, code, lastLines }) =>
                process.stderr.write(
                    `[dev-scripts stack] ${name} exited (${code}):\n${lastLines.slice(-10).join("\n")}\n`,
                ),
        });
        scriptEnv = {
            RESTATE_ADMIN_URL: stack.urls.admin,
            DYNAMODB_ENDPOINT: stack.urls.dynamo,
            TABLE_PREFIX: stack.tablePrefix,
            // clear-dynamodb seeds this key again, so the stack's own key keeps working after a reset.
            DEV_API_KEY: stack.apiKey,
            SERVICE_URL: stack.urls.service,
        };
    });
    afterAll(async () => {
        await stack?.stop();
    });

    it("reset removes Restate state, in-flight invocations and DynamoDB items", async () => {
        const leadId = crypto.randomUUID();
        const { admin, ingress, dynamo: ddb } = stack.urls;
        const table = `${stack.tablePrefix}_Web2Text_LeadStates`;

        // Restate state for one Lead key (values are byte arrays of the JSON text).
        const set = await fetch(`${admin}/services/Lead/state`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
                object_key: leadId,
                new_state: { lead: bytes({ Status: "ACTIVE", LeadId: leadId }) },
            }),
        });
        expect(set.ok).toBe(true);
        // An in-flight invocation: a status call scheduled an hour from now.
        const send = await fetch(`${ingress}/Lead/${leadId}/status/send?delay=1h`, {
            method: "POST",
            headers: { authorization: `Bearer ${stack.apiKey}` },
        });
        expect(send.status).toBe(202);
        // An item in the LeadStates table.
        await dynamo(ddb, "PutItem", { TableName: table, Item: { LeadId: { S: leadId }, Status: { S: "ACTIVE" } } });

        const stateRows = () =>
            adminQuery<{ key: string }>(
                admin,
                `SELECT key FROM state WHERE service_name = 'Lead' AND service_key = '${leadId}'`,
            );
        const inFlight = () =>
            adminQuery<{ id: string }>(
                admin,
                `SELECT id FROM sys_invocation WHERE target_service_key = '${leadId}' AND status <> 'completed'`,
            );
        const deadline = Date.now() + 10_000;
        while ((await stateRows()).length === 0 && Date.now() < deadline) await Bun.sleep(100);
        expect(await stateRows()).toEqual([{ key: "lead" }]);
        expect(await inFlight()).toHaveLength(1);
        const status = await fetch(`${ingress}/Lead/${leadId}/status`, {
            headers: { authorization: `Bearer ${stack.apiKey}` },
        });
        expect(await status.json()).toMatchObject({ Status: "ACTIVE" });

        const res = await runScript("reset", scriptEnv);
        expect(res.stderr).toBe("");
        expect(res.code).toBe(0);
        expect(res.stdout).toMatch(
            /reset: Lead: killed 1 in-flight invocation\(s\), purged \d+ completed, cleared state of 1 key\(s\)/,
        );
        // Every service of the contract is registered, and each is cleared (the others held nothing).
        for (const service of ["Dealer", "Admin", "TwilioWebhooks"]) {
            expect(res.stdout).toMatch(new RegExp(`reset: ${service}: killed \\d+ in-flight invocation\\(s\\)`));
        }
        expect(res.stdout).toMatch(/reset: TEST_Web2Text_LeadStates: deleted 1 item\(s\)/);

        expect(await stateRows()).toEqual([]);
        expect(await inFlight()).toEqual([]);
        const item = await dynamo<{ Item?: unknown }>(ddb, "GetItem", {
            TableName: table,
            Key: { LeadId: { S: leadId } },
            ConsistentRead: true,
        });
        expect(item.Item).toBeUndefined();
        const after = await fetch(`${ingress}/Lead/${leadId}/status`, {
            headers: { authorization: `Bearer ${stack.apiKey}` },
        });
        expect(after.status).toBe(200);
        expect(await after.json()).toEqual({ Status: "NONEXISTANT" });
    });

    it("register-with-restate registers SERVICE_URL again after its deployment was removed", async () => {
        const { admin } = stack.urls;
        const listed = async () => {
            const res = await fetch(`${admin}/deployments`);
            const body = (await res.json()) as { deployments: { id: string; uri?: string }[] };
            return body.deployments;
        };
        for (const d of await listed()) {
            const del = await fetch(`${admin}/deployments/${d.id}?force=true`, { method: "DELETE" });
            expect(del.ok).toBe(true);
        }
        expect(await listed()).toEqual([]);

        const res = await runScript("register-with-restate", scriptEnv);
        expect(res.stderr).toBe("");
        expect(res.code).toBe(0);
        expect(res.stdout).toContain(`register-with-restate: registered ${stack.urls.service} as dp_`);
        expect((await listed()).map((d) => d.uri?.replace(/\/$/, ""))).toEqual([stack.urls.service]);
    });

    it("dev-key creates a fresh prefix's tables and the development key, keeps items, and is safe to repeat", async () => {
        const prefix = `DEVKEY${Math.floor(Math.random() * 1e6)}`;
        const key = crypto.randomUUID();
        // The old name of the endpoint, as a dev container's .env from the old secret has it.
        const env = {
            DYNAMODB_ENDPOINT: "",
            LOCAL_DYNAMODB_URL: stack.urls.dynamo,
            TABLE_PREFIX: prefix,
            DEV_API_KEY: key,
        };
        const first = await runScript("dev-key", env);
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toContain(
            `created ${prefix}_Web2Text_APIKeys, ${prefix}_Web2Text_LeadStates, ${prefix}_Web2Text_OptedOutNumbers`,
        );
        const tables = await dynamo<{ TableNames: string[] }>(stack.urls.dynamo, "ListTables", {});
        expect(tables.TableNames.filter((name) => name.startsWith(`${prefix}_`))).toHaveLength(3);
        const stored = await dynamo<{ Item?: Record<string, unknown> }>(stack.urls.dynamo, "GetItem", {
            TableName: `${prefix}_Web2Text_APIKeys`,
            Key: { API_Key: { S: key } },
        });
        expect(stored.Item).toMatchObject({ Active: { BOOL: true }, AuthorizedEndpoints: { L: [{ S: "*" }] } });

        const again = await runScript("dev-key", env);
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toContain(`the ${prefix} tables exist`);
        const refused = await runScript("dev-key", { DYNAMODB_ENDPOINT: "https://dynamodb.us-east-1.amazonaws.com" });
        expect(refused.code).toBe(2);
        expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    });

    it("clear-restate fails with one line when the admin API is unreachable, clear-dynamodb refuses AWS", async () => {
        const unreachable = await runScript("clear-restate", {
            RESTATE_ADMIN_URL: `http://127.0.0.1:${await freePort()}`,
        });
        expect(unreachable.code).toBe(1);
        expect(unreachable.stderr).toMatch(
            /^clear-restate: cannot reach the Restate admin API at http:\/\/127\.0\.0\.1:\d+ /,
        );
        expect(unreachable.stderr.trim().split("\n")).toHaveLength(1);

        const aws = await runScript("clear-dynamodb", {
            DYNAMODB_ENDPOINT: "https://dynamodb.us-east-1.amazonaws.com",
        });
        expect(aws.code).toBe(2);
        expect(aws.stderr).toBe(
            "clear-dynamodb: DYNAMODB_ENDPOINT https://dynamodb.us-east-1.amazonaws.com is AWS; this script only clears a local DynamoDB\n",
        );
    });
});

/** Pids of every live descendant of `pid`, read from /proc. */
function descendants(pid: number): number[] {
    const parentOf = new Map<number, number>();
    for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
            const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            if (state !== "Z") parentOf.set(Number(entry), Number(ppid));
        } catch {
            // exited while reading
        }
    }
    const out: number[] = [];
    const queue = [pid];
    while (queue.length > 0) {
        const next = queue.shift();
        for (const [child, parent] of parentOf) {
            if (parent === next) {
                out.push(child);
                queue.push(child);
            }
        }
    }
    return out;
}

function alive(pid: number): boolean {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

interface DevRun {
    env: Record<string, string>;
    dataDir: string;
    output: () => string;
    exited: Promise<number | null>;
    pid: number;
    kill: (signal: NodeJS.Signals) => void;
    /** Stops the run if still alive and removes its data folder. */
    cleanup: () => Promise<void>;
}

/** Spawns `bun scripts/dev.ts` on free ports with a temporary data folder and waits for its banner. */
async function startDev(extra: Record<string, string> = {}): Promise<DevRun> {
    const dataDir = mkdtempSync(join(tmpdir(), "dev-stack-"));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), DEV_DATA_DIR: dataDir, ...extra };
    for (const name of ["INGRESS", "ADMIN", "NODE", "SERVICE", "DYNAMODB", "PROXY", "SANDBOX"]) {
        env[`DEV_${name}_PORT`] = String(await freePort());
    }
    const dev = spawn(process.execPath, ["scripts/dev.ts"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    dev.stdout.on("data", (c: Buffer) => {
        output += c.toString();
    });
    dev.stderr.on("data", (c: Buffer) => {
        output += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => dev.on("exit", (code) => resolve(code)));
    const run: DevRun = {
        env,
        dataDir,
        output: () => output,
        exited,
        pid: dev.pid as number,
        kill: (signal) => dev.kill(signal),
        cleanup: async () => {
            if (dev.exitCode === null && dev.signalCode === null) {
                dev.kill("SIGTERM");
                await exited;
            }
            rmSync(dataDir, { recursive: true, force: true });
        },
    };
    const started = Date.now();
    while (!/Its status:\n.*\n=+\n/.test(output)) {
        if (dev.exitCode !== null) {
            await run.cleanup();
            throw new Error(`dev exited early (${dev.exitCode}):\n${output}`);
        }
        if (Date.now() - started > 60_000) {
            await run.cleanup();
            throw new Error(`no banner within 60 s:\n${output}`);
        }
        await Bun.sleep(100);
    }
    return run;
}

/** The value of a banner row such as `   Restate ingress     http://…`. */
function bannerRow(output: string, label: string): string {
    const match = new RegExp(`^ {3}${label} +(\\S+)`, "m").exec(output);
    if (!match?.[1]) throw new Error(`banner has no '${label}' line:\n${output}`);
    return match[1];
}

describe("bun run dev", () => {
    it("starts the whole stack, prints a working banner, and Ctrl-C stops every part", {
        timeout: 120_000,
    }, async () => {
        const internalToken = `e2e-dev-token-${crypto.randomUUID()}`;
        const run = await startDev({ INTERNAL_API_TOKEN: internalToken });
        const { env } = run;
        let pids: number[] = [];
        try {
            const output = run.output();
            const ingress = bannerRow(output, "Restate ingress");
            const adminUi = bannerRow(output, "Restate admin UI");
            const apiKey = bannerRow(output, "API key");
            expect(ingress).toBe(`http://127.0.0.1:${env.DEV_INGRESS_PORT}`);
            expect(adminUi).toBe(`http://127.0.0.1:${env.DEV_ADMIN_PORT}/ui/`);
            expect(bannerRow(output, "Lead processor service")).toBe(`http://127.0.0.1:${env.DEV_SERVICE_PORT}`);
            expect(bannerRow(output, "DynamoDB \\(dynalite\\)")).toBe(`http://127.0.0.1:${env.DEV_DYNAMODB_PORT}`);
            expect(bannerRow(output, "Twilio proxy")).toBe(`http://127.0.0.1:${env.DEV_PROXY_PORT}`);
            expect(bannerRow(output, "Sandbox")).toBe(`http://127.0.0.1:${env.DEV_SANDBOX_PORT}/`);
            expect(output).toMatch(
                /^ {3}Sized for this machine +Restate 4 partitions, 32 invocations at once; LOG_LEVEL info$/m,
            );
            expect(output.match(/Lead Processor dev stack is ready/g)).toHaveLength(1);

            // The printed create curl, replayed with fetch.
            const curl =
                /curl -sS -X POST "([^"]+)\/Lead\/\$LEAD_ID\/create" -H 'authorization: Bearer ([^']+)' .* -d '([^']+)'/.exec(
                    output,
                );
            expect(curl).not.toBeNull();
            const [, curlIngress, curlKey, curlBody] = curl as RegExpExecArray;
            expect(curlIngress).toBe(ingress);
            expect(curlKey).toBe(apiKey);
            expect(output).toContain("LEAD_ID=$(uuidgen 2>/dev/null || cat /proc/sys/kernel/random/uuid);");
            const leadId = crypto.randomUUID();
            const body = JSON.parse(curlBody as string) as { LeadType: string };
            expect(body.LeadType).toBe("WEB2TEXT");
            const headers = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };
            const create = await fetch(`${ingress}/Lead/${leadId}/create`, {
                method: "POST",
                headers,
                body: curlBody,
            });
            const status = await fetch(`${ingress}/Lead/${leadId}/status`, { headers });
            expect(status.status).toBe(200);
            if (create.status === 404) {
                // The create handler does not exist yet: the status slice must still answer.
                expect(await status.json()).toEqual({ Status: "NONEXISTANT" });
            } else {
                expect(create.status, await create.text()).toBe(200);
                expect(await status.json()).toMatchObject({ LeadId: leadId, LeadType: "WEB2TEXT" });
            }
            // The developer's INTERNAL_API_TOKEN is the one the service accepts.
            const internal = await fetch(`${ingress}/Lead/${crypto.randomUUID()}/status`, {
                headers: { authorization: internalToken },
            });
            expect(internal.status).toBe(200);

            const ui = await fetch(adminUi);
            expect(ui.status).toBe(200);
            expect(await ui.text()).toContain("<title>Restate</title>");

            // Logs land in <DEV_DATA_DIR>/logs/<part>.log.
            expect(readdirSync(join(run.dataDir, "logs")).sort()).toEqual(
                expect.arrayContaining(["dynamo.log", "leadProcessor.log", "restate.log", "sandbox.log"]),
            );

            pids = descendants(run.pid);
            expect(pids.length).toBeGreaterThanOrEqual(4);
            run.kill("SIGINT");
            expect(await run.exited).toBe(0);
            expect(run.output()).toContain("[dev] stopped.");
            const deadline = Date.now() + 3_000;
            while (pids.some(alive) && Date.now() < deadline) await Bun.sleep(100);
            expect(pids.filter(alive)).toEqual([]);
        } finally {
            await run.cleanup();
            for (const pid of pids.filter(alive)) process.kill(pid, "SIGKILL");
        }
    });

    it("reports a part that dies with its last log lines, stops the rest and exits 1", {
        timeout: 120_000,
    }, async () => {
        const run = await startDev();
        let pids: number[] = [];
        try {
            pids = descendants(run.pid);
            const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
            const sandbox = pids.find((pid) => cmdline(pid).includes("modules/sandbox/src/main.ts"));
            expect(sandbox).toBeDefined();
            process.kill(sandbox as number, "SIGKILL");
            expect(await run.exited).toBe(1);
            const output = run.output();
            expect(output).toContain(
                "[dev] sandbox exited unexpectedly (code null, signal SIGKILL). Its last log lines:",
            );
            expect(output).toContain("    sandbox listening on http://127.0.0.1:");
            expect(output).toContain("[dev] sandbox died; stopping every part…");
            const deadline = Date.now() + 3_000;
            while (pids.some(alive) && Date.now() < deadline) await Bun.sleep(100);
            expect(pids.filter(alive)).toEqual([]);
        } finally {
            await run.cleanup();
            for (const pid of pids.filter(alive)) process.kill(pid, "SIGKILL");
        }
    });

    it("refuses to start with one line when a port is taken", async () => {
        const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("busy") });
        try {
            const res = await runScript("dev", { DEV_INGRESS_PORT: String(server.port) });
            expect(res.code).toBe(1);
            expect(res.stderr).toBe(
                `dev: port ${server.port} (Restate ingress) is already in use — is another \`bun run dev\` running? Stop it, or set DEV_INGRESS_PORT to another port\n`,
            );
        } finally {
            server.stop(true);
        }
    });
});
