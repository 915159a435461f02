/**
 * `bun run dev [--cluster]` — the whole local stack from one command.
 *
 * Starts restate-server, dynalite, the sandbox (stand-ins for Twilio, Nexus, RLM, DHQ, Botpress, ActOn,
 * FloorForce), the Twilio proxy and the lead processor in watch mode, creates the DEV tables, seeds a
 * development API key, registers the service with Restate and prints one banner. Then it streams the lead
 * processor's log lines. Ctrl-C (or SIGTERM) stops every part and exits 0; a part that dies is reported with
 * its last log lines, everything is stopped and the exit code is 1. `--cluster` runs Restate as a three-node
 * cluster on loopback (node n1 on the Restate ports below, n2 and n3 on the next ports up: ingress 8081/8082,
 * admin 9071/9072, fabric 5123/5124 by default; its data in `<data>/restate-cluster/`), and the banner lists every
 * node. An unknown argument is refused with one line (exit 2).
 *
 * Settings (all optional; see `.env.example`): DEV_INGRESS_PORT, DEV_ADMIN_PORT, DEV_NODE_PORT,
 * DEV_SERVICE_PORT, DEV_DYNAMODB_PORT, DEV_PROXY_PORT, DEV_SANDBOX_PORT, DEV_DATA_DIR, DEV_API_KEY,
 * INTERNAL_API_TOKEN (also read from `.env`, which Bun loads). The sandbox's behaviour settings (`SANDBOX_*`)
 * are passed on to the sandbox process; where it listens and the URLs it is given stay the launcher's. The lead
 * processor's LEAD_RECONCILE_INTERVAL and TWILIO_CONVERSATION_*_TIMER are passed on to it.
 */
import { mkdirSync, readdirSync, renameSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import {
    DEV_STACK_SETTINGS,
    describeStackSettings,
    leadProcessorTunables,
    portInUse,
    REPO_ROOT,
    type RestatePorts,
    registerDeployment,
    type Stack,
    type StackPorts,
    signalProcessGroup,
    startStack,
} from "devstack";
import { retailerFor } from "sandbox";
import { CliError, describeError } from "./lib/cli";
import { parseCommandLine } from "./lib/command-line";
import {
    DEFAULT_DEV_API_KEY,
    DEFAULT_DEV_INTERNAL_TOKEN,
    DEV_PORTS,
    DEV_TABLE_PREFIX,
    type DevPortName,
    isUuid,
} from "./lib/dev-defaults";
import { alive, childPids, hasProc } from "./lib/proc";

const out = (line = "") => process.stdout.write(`${line}\n`);
const note = (line: string) => out(`[dev] ${line}`);

const USAGE = "usage: bun run dev [--cluster]";

/** The command line: `--cluster` or nothing ("help" for --help); anything else is a one-line `CliError`. */
export function parseDevArgs(argv: readonly string[]): { cluster: boolean } | "help" {
    const parsed = parseCommandLine(argv, { options: { cluster: { type: "boolean" } }, hint: USAGE });
    return parsed === "help" ? "help" : { cluster: parsed.values.cluster === true };
}

interface DevSettings {
    ports: StackPorts;
    /** With `--cluster`: the ports of Restate nodes n2 and n3 (n1 has the stack's Restate ports). */
    clusterPorts: RestatePorts[];
    dataDir: string;
    logDir: string;
    apiKey: string;
    internalToken: string;
    internalTokenFrom: "environment" | "default";
    /** `SANDBOX_*` settings for the sandbox process (empty values count as unset). */
    sandboxEnv: Record<string, string>;
    /** The lead processor settings a person may tune locally (`LEAD_RECONCILE_INTERVAL`, conversation timers). */
    leadProcessorEnv: Record<string, string>;
}

/** The ports of cluster nodes n2 and n3: each of n1's Restate ports plus 1 and plus 2. */
export function clusterPortsOf(ports: StackPorts): RestatePorts[] {
    return [1, 2].map((i) => ({ ingress: ports.ingress + i, admin: ports.admin + i, node: ports.node + i }));
}

/** Every port the run listens on, with the setting that moves it, for the clash and in-use checks. */
function portList(ports: StackPorts, clusterPorts: RestatePorts[]) {
    const list: { port: number; env: string; label: string }[] = (
        Object.entries(DEV_PORTS) as [DevPortName, (typeof DEV_PORTS)[DevPortName]][]
    ).map(([name, def]) => ({
        port: ports[name],
        env: def.env,
        label: def.label,
    }));
    clusterPorts.forEach((node, i) => {
        for (const [name, base, what] of [
            ["ingress", "DEV_INGRESS_PORT", "ingress"],
            ["admin", "DEV_ADMIN_PORT", "admin API/UI"],
            ["node", "DEV_NODE_PORT", "fabric"],
        ] as const) {
            list.push({ port: node[name], env: `${base} + ${i + 1}`, label: `Restate node n${i + 2} ${what}` });
        }
    });
    return list;
}

export function readSettings(
    env: Record<string, string | undefined> = process.env,
    options: { cluster?: boolean } = {},
): DevSettings {
    const ports = {} as StackPorts;
    for (const [name, def] of Object.entries(DEV_PORTS) as [DevPortName, (typeof DEV_PORTS)[DevPortName]][]) {
        const raw = env[def.env]?.trim();
        const port = raw ? Number(raw) : def.port;
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
            throw new CliError(`${def.env}='${raw}' is not a port number (1-65535)`, 2);
        }
        ports[name] = port;
    }
    const clusterPorts = options.cluster ? clusterPortsOf(ports) : [];
    const seen = new Map<number, string>();
    for (const { port, env: name } of portList(ports, clusterPorts)) {
        const other = seen.get(port);
        if (other) throw new CliError(`${name} and ${other} are both ${port}; each part needs its own port`, 2);
        if (port > 65535) throw new CliError(`${name} is ${port}, not a port number (1-65535)`, 2);
        seen.set(port, name);
    }
    const dataDir = resolve(env.DEV_DATA_DIR?.trim() || join(REPO_ROOT, ".data"));
    const apiKey = env.DEV_API_KEY?.trim() || DEFAULT_DEV_API_KEY;
    if (!isUuid(apiKey)) throw new CliError(`DEV_API_KEY '${apiKey}' is not a UUID (API keys are UUIDs)`, 2);
    const token = env.INTERNAL_API_TOKEN?.trim();
    if (token !== undefined && token !== "" && token.length < 16) {
        throw new CliError("INTERNAL_API_TOKEN (from the environment or .env) must be at least 16 characters", 2);
    }
    return {
        ports,
        clusterPorts,
        dataDir,
        logDir: join(dataDir, "logs"),
        apiKey,
        internalToken: token || DEFAULT_DEV_INTERNAL_TOKEN,
        internalTokenFrom: token ? "environment" : "default",
        sandboxEnv: Object.fromEntries(
            Object.entries(env).filter((e): e is [string, string] => e[0].startsWith("SANDBOX_") && !!e[1]?.trim()),
        ),
        leadProcessorEnv: leadProcessorTunables(env),
    };
}

/** Refuses to start when any port is taken, naming the part and the variable that moves it. */
async function checkPorts(settings: DevSettings): Promise<void> {
    for (const { port, env, label } of portList(settings.ports, settings.clusterPorts)) {
        if (await portInUse(port)) {
            throw new CliError(
                `port ${port} (${label}) is already in use — is another \`bun run dev\` running? Stop it, or set ${env.split(" ")[0]} to another port`,
            );
        }
    }
}

/** Keeps the previous run's logs as `<part>.previous.log` so each run's logs start empty. */
function rotateLogs(logDir: string): void {
    mkdirSync(logDir, { recursive: true });
    for (const file of readdirSync(logDir)) {
        if (file.endsWith(".log") && !file.endsWith(".previous.log")) {
            renameSync(join(logDir, file), join(logDir, file.replace(/\.log$/, ".previous.log")));
        }
    }
}

const shown = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
};

/** The WEB2TEXT create request of the banner's curl, for the seeded `valid` retailer. */
export function sampleCreateBody() {
    const retailer = retailerFor("valid");
    const location = retailer.locations[0];
    if (!location) throw new Error("the seeded 'valid' retailer has no location");
    return {
        LeadType: "WEB2TEXT",
        UniversalRetailerId: retailer.UniversalRetailerId,
        Lead: {
            LocationId: location.id,
            PageUrl: `${retailer.website_url}/flooring/white-oak-hardwood`,
            Name: "Jane Doe",
            PhoneNumber: "+13125550123",
            CustomerMessage: "Hello, is the white oak hardwood in stock at this store?",
        },
    };
}

/** The stack's sizing in one line (`StackSettings`; partitions apply to a new data folder only). */
function sizing(stack: Stack): string {
    const d = describeStackSettings(stack.settings);
    return `Restate ${d.restatePartitions} partitions, ${d.restateInvokerConcurrency} invocations at once; LOG_LEVEL ${d.leadProcessorLogLevel}`;
}

/** The banner's Restate rows: ingress and admin UI of the one node, or of every node of a cluster. */
function restateRows(stack: Stack, row: (name: string, value: string) => string): string[] {
    if (stack.restateNodes.length === 1) {
        return [row("Restate ingress", stack.urls.ingress), row("Restate admin UI", `${stack.urls.admin}/ui/`)];
    }
    return stack.restateNodes.flatMap((node, i) => [
        row(`Restate n${i + 1} ingress`, node.urls.ingress),
        row(`Restate n${i + 1} admin UI`, `${node.urls.admin}/ui/   (fabric ${node.urls.node})`),
    ]);
}

export function banner(stack: Stack, settings: DevSettings, startedMs: number): string {
    const { urls } = stack;
    const key = stack.apiKey;
    const proxyLine = stack.parts.proxy.running
        ? urls.proxy
        : `${urls.proxy}   (not started: modules/twilio_proxy/src/main.ts does not exist yet)`;
    const newId = "LEAD_ID=$(uuidgen 2>/dev/null || cat /proc/sys/kernel/random/uuid)";
    const auth = `-H 'authorization: Bearer ${key}'`;
    const rule = "=".repeat(100);
    const cluster = stack.restateNodes.length > 1;
    const row = (name: string, value: string) => `   ${name.padEnd(26)}${value}`;
    return [
        rule,
        ` Lead Processor dev stack is ready (${(startedMs / 1000).toFixed(1)} s). Ctrl-C stops everything.`,
        "",
        ...restateRows(stack, row),
        row("Lead processor service", `${urls.service}   (watch mode; its logs follow below)`),
        row("DynamoDB (dynalite)", `${urls.dynamo}   (tables ${stack.tablePrefix}_Web2Text_*)`),
        row("Twilio proxy", proxyLine),
        row("Sandbox", `${urls.sandbox}/`),
        row("API docs", `${urls.sandbox}/docs`),
        "",
        row("API key", key),
        row(
            "Internal token",
            settings.internalTokenFrom === "environment"
                ? "INTERNAL_API_TOKEN from env/.env"
                : `${stack.internalToken} (default; set INTERNAL_API_TOKEN to change)`,
        ),
        row("Data and logs", `${shown(settings.dataDir)}/  (logs: ${shown(settings.logDir)}/<part>.log)`),
        row("Sized for this machine", sizing(stack)),
        "",
        ` Create a WEB2TEXT lead for the seeded "valid" retailer (${retailerFor("valid").name}):`,
        `   ${newId}; curl -sS -X POST "${urls.ingress}/Lead/$LEAD_ID/create" ${auth} -H 'content-type: application/json' -d '${JSON.stringify(sampleCreateBody())}'`,
        ...(cluster ? [" (any node's ingress takes it: replace the URL with n2's or n3's)"] : []),
        cluster ? " Its status, through each node's ingress:" : " Its status:",
        ...stack.restateNodes.map((node) => `   curl -sS "${node.urls.ingress}/Lead/$LEAD_ID/status" ${auth}`),
        rule,
    ].join("\n");
}

async function main(): Promise<void> {
    const started = Date.now();
    let settings: DevSettings;
    try {
        const args = parseDevArgs(process.argv.slice(2));
        if (args === "help") {
            out(
                `${USAGE}\n\n  --cluster   run Restate as a three-node cluster (n2 and n3 on the Restate ports + 1 and + 2)`,
            );
            process.exit(0);
        }
        settings = readSettings(process.env, args);
        await checkPorts(settings);
        rotateLogs(settings.logDir);
    } catch (error) {
        process.stderr.write(`dev: ${error instanceof CliError ? error.message : describeError(error)}\n`);
        process.exit(error instanceof CliError ? error.exitCode : 1);
    }

    let stack: Stack | undefined;
    let starting: Promise<Stack> | undefined;
    let shuttingDown = false;
    let streaming = false;
    let listeningLines = 0;

    /** Stops every part once; used by signals, unexpected exits and start-up failures. */
    const shutdown = async (code: number, reason: string) => {
        if (shuttingDown) return;
        shuttingDown = true;
        streaming = false;
        note(`${reason}; stopping every part…`);
        if (stack) await stack.stop();
        else if (hasProc) await stopChildrenDuringStartup();
        else await starting?.then((s) => s.stop()).catch(() => undefined);
        note("stopped.");
        process.exit(code);
    };
    let firstSignalAt = 0;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
            if (shuttingDown) {
                // `bun run dev` forwards the terminal's Ctrl-C, so one key press can arrive twice: stay quiet then.
                if (Date.now() - firstSignalAt > 1_000) {
                    note(`${signal} again; already stopping (a part that does not stop is killed after 5 s)`);
                }
                return;
            }
            firstSignalAt = Date.now();
            void shutdown(0, signal === "SIGINT" ? "Ctrl-C" : "SIGTERM");
        });
    }

    const cluster = settings.clusterPorts.length > 0;
    note(
        `starting ${cluster ? "a three-node Restate cluster" : "restate-server"}, dynalite, sandbox, Twilio proxy and lead processor (logs: ${shown(settings.logDir)}/)…`,
    );
    try {
        starting = startStack({
            ports: settings.ports,
            ...(cluster ? { restateNodes: 3, clusterPorts: settings.clusterPorts } : {}),
            dataDir: settings.dataDir,
            logDir: settings.logDir,
            watch: true,
            tablePrefix: DEV_TABLE_PREFIX,
            settings: DEV_STACK_SETTINGS,
            internalToken: settings.internalToken,
            apiKey: settings.apiKey,
            sandboxEnv: settings.sandboxEnv,
            leadProcessorEnv: settings.leadProcessorEnv,
            logFormat: "pretty",
            onLine: (part, line) => {
                if (part !== "leadProcessor") return;
                if (streaming) out(`[lead-processor] ${line}`);
                if (line.includes("Lead processor listening") && ++listeningLines > 1 && streaming) {
                    void reRegister();
                }
            },
            onUnexpectedExit: ({ name, code, signal, lastLines }) => {
                if (shuttingDown) return;
                const tail = lastLines.slice(-20).map((l) => `    ${l}`);
                process.stderr.write(
                    `\n[dev] ${name} exited unexpectedly (code ${code}, signal ${signal}). Its last log lines:\n${tail.join("\n") || "    (no output)"}\n`,
                );
                void shutdown(1, `${name} died`);
            },
        });
        stack = await starting;
    } catch (error) {
        if (shuttingDown) return; // a signal arrived during start-up; shutdown() exits
        process.stderr.write(`[dev] the stack did not start: ${describeError(error)}\n`);
        await shutdown(1, "start-up failed");
        return;
    }
    if (shuttingDown) {
        // A signal or a dead part arrived while the stack was starting: stop what startStack returned.
        await stack.stop();
        return;
    }
    process.on("exit", () => {
        for (const part of stack?.processes() ?? []) part.killNow();
    });

    const reRegister = async () => {
        if (!stack || shuttingDown) return;
        try {
            await registerDeployment(stack.urls.admin, stack.urls.service, 15_000);
            note("lead processor reloaded; deployment re-registered with Restate");
        } catch (error) {
            note(`lead processor reloaded but re-registering failed: ${describeError(error)}`);
        }
    };

    out(banner(stack, settings, Date.now() - started));
    streaming = true;
}

/**
 * Start-up was interrupted before `startStack` returned the parts: signal the process group of every child
 * (each part runs in its own group), TERM first and KILL after 5 s, until none is left. (Without `/proc`
 * the caller waits for start-up to finish or fail instead; startStack stops what it started when it fails.)
 */
async function stopChildrenDuringStartup(): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
        const pids = childPids(process.pid);
        if (pids.length === 0) return;
        const signal = Date.now() > deadline ? "SIGKILL" : "SIGTERM";
        for (const pid of pids) signalProcessGroup(pid, signal);
        await Bun.sleep(100);
        if (pids.every((pid) => !alive(pid)) && childPids(process.pid).length === 0) return;
    }
}

if (import.meta.main) await main();
