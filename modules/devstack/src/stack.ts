import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seed as defaultSeed, type Seed } from "sandbox/seed";
import { dynaliteCommand, prepareLocalStore, waitForDynamo } from "./dynamo";
import { leadProcessorEnv, proxyEnv, type StackUrls } from "./env";
import { ManagedProcess, type ProcessSpec } from "./managed-process";
import { PortPicker, portInUse } from "./ports";
import {
    clusterNodeEnv,
    type RestateNodeCount,
    type RestateNodeUrls,
    restateNodeName,
    restateNodeUrls,
    waitForClusterHealth,
    waitForServiceEverywhere,
} from "./restate-cluster";
import {
    type RestatePorts,
    registerDeployment,
    restateServerBinary,
    restateServerEnv,
    waitForRestate,
} from "./restate-server";
import { leadProcessorSettingsEnv, type StackSettings, TEST_STACK_SETTINGS } from "./stack-settings";
import { httpOk, waitUntil } from "./wait";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type PartName = "restate" | "dynamo" | "sandbox" | "proxy" | "leadProcessor";

export interface StackPorts {
    ingress: number;
    admin: number;
    node: number;
    service: number;
    dynamo: number;
    proxy: number;
    sandbox: number;
}

export interface StackOptions {
    /** Fixed ports (the dev stack); any port not given is a free one. For a cluster these are node 1's. */
    ports?: Partial<StackPorts>;
    /**
     * One restate-server (default) or a three-node Restate cluster on loopback (`restate-cluster.ts`), each node
     * sized by `settings` like the single one; ingress and admin in `urls` are then node 1's.
     */
    restateNodes?: RestateNodeCount;
    /** Fixed ports of a cluster's nodes 2 and 3 (the dev stack); default free ones. */
    clusterPorts?: RestatePorts[];
    /** Keep Restate and DynamoDB data here across runs; default is a temporary folder removed on stop. */
    dataDir?: string;
    /** Run the lead processor with `bun --watch` (development). */
    watch?: boolean;
    tablePrefix?: string;
    internalToken?: string;
    /** An API key seeded with `*` so callers can try the API at once. */
    apiKey?: string;
    logFormat?: "json" | "pretty";
    /** Write each part's output to `<logDir>/<part>.log`. */
    logDir?: string;
    /** Receives every output line of every part. */
    onLine?: (part: PartName, line: string) => void;
    /** Called when a part dies without being stopped. */
    onUnexpectedExit?: ProcessSpec["onUnexpectedExit"];
    /**
     * Partitions, invoker concurrency and log levels sized to the machine (default `TEST_STACK_SETTINGS`; `bun run
     * dev` and the bench pass theirs).
     */
    settings?: StackSettings;
    /** Extra restate-server settings (e.g. retry policy for tests), applied over `settings`. */
    restateEnv?: Record<string, string>;
    /** Extra Twilio pool numbers given to the sandbox before the proxy loads its pool (the seed has 13). */
    extraPoolNumbers?: string[];
    /** Extra lead processor settings, applied over `settings`. */
    leadProcessorEnv?: Record<string, string>;
    /**
     * Sandbox behaviour settings (`SANDBOX_*`), merged into the sandbox process's environment. Where the
     * sandbox listens and the URLs the launcher wires (port, host, public and inbound-webhook URLs) stay the
     * launcher's.
     */
    sandboxEnv?: Record<string, string>;
    /**
     * Entry file of the lead processor, relative to the repository root (default
     * `modules/lead_processor/src/main.ts`); the benchmark runs its own entry that adds a floor service.
     */
    leadProcessorEntry?: string;
    seed?: Seed;
}

export interface Stack {
    urls: StackUrls;
    /** What the stack was sized with (before `restateEnv` / `leadProcessorEnv` overrides). */
    settings: StackSettings;
    ports: StackPorts;
    internalToken: string;
    apiKey: string;
    tablePrefix: string;
    seed: Seed;
    leadProcessorEnv: Record<string, string>;
    /** The stack's parts; `restate` is node 1 of a cluster. */
    parts: Record<PartName, ManagedProcess>;
    /** Every restate-server node (one, or three for a cluster), node 1 first; node 1's process is `parts.restate`. */
    restateNodes: RestateNode[];
    /** Every process the stack runs now or ran (parts, cluster nodes, extra lead processors), for last-resort kills. */
    processes(): ManagedProcess[];
    /** `kill -9` of restate-server node `index` (0-based), leaving it down. */
    killNode(index: number): Promise<void>;
    /** Starts node `index` again on its data and waits until the whole cluster is healthy again. */
    startNode(index: number): Promise<void>;
    /** Stops node `index` (SIGTERM, or `kill -9`) and starts it again, waiting for the cluster's health. */
    restartNode(index: number, how?: "graceful" | "kill9"): Promise<void>;
    /**
     * Starts one more lead processor process (same code and settings, a free port) and waits until it listens; it
     * is not registered with Restate (a rolling upgrade registers it as a new deployment). Stopped with the stack.
     */
    startExtraLeadProcessor(): Promise<ExtraLeadProcessor>;
    /** Stops a part and starts it again, waiting until it is ready (and re-registered, for the service). */
    restart(part: PartName, how?: "graceful" | "kill9"): Promise<void>;
    /** Starts a stopped part again and waits until it is ready. */
    startPart(part: PartName): Promise<void>;
    stop(): Promise<void>;
}

/** One restate-server process of the stack. */
export interface RestateNode {
    name: string;
    ports: RestatePorts;
    urls: RestateNodeUrls;
    process: ManagedProcess;
}

/** A lead processor started beside the stack's own (`Stack.startExtraLeadProcessor`). */
export interface ExtraLeadProcessor {
    url: string;
    process: ManagedProcess;
}

const BUN = process.execPath;
const DEFAULT_LEAD_PROCESSOR_ENTRY = "modules/lead_processor/src/main.ts";

/** Starts the whole local stack in dependency order with readiness checks. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
    const seed = options.seed ?? defaultSeed;
    const settings = options.settings ?? TEST_STACK_SETTINGS;
    const picker = new PortPicker([
        ...Object.values(options.ports ?? {}),
        ...(options.clusterPorts ?? []).flatMap((p) => [p.ingress, p.admin, p.node]),
    ]);
    const ports = await resolvePorts(options.ports ?? {}, picker);
    const temporary = options.dataDir === undefined;
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "lead-stack-"));
    mkdirSync(dataDir, { recursive: true });
    const host = "http://127.0.0.1";
    const urls: StackUrls = {
        ingress: `${host}:${ports.ingress}`,
        admin: `${host}:${ports.admin}`,
        service: `${host}:${ports.service}`,
        dynamo: `${host}:${ports.dynamo}`,
        proxy: `${host}:${ports.proxy}`,
        sandbox: `${host}:${ports.sandbox}`,
    };
    const tablePrefix = options.tablePrefix ?? "TEST";
    const internalToken = options.internalToken ?? crypto.randomUUID();
    const apiKey = options.apiKey ?? crypto.randomUUID();
    const lpEnv = {
        ...leadProcessorEnv(urls, seed, {
            port: ports.service,
            internalToken,
            tablePrefix,
            logFormat: options.logFormat ?? "json",
        }),
        ...leadProcessorSettingsEnv(settings),
        ...options.leadProcessorEnv,
    };
    const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
    const spec = (
        name: PartName,
        command: string[],
        env: Record<string, string | undefined>,
        logName: string = name,
    ): ManagedProcess =>
        new ManagedProcess({
            name: logName,
            command,
            env: { ...base, ...env },
            cwd: REPO_ROOT,
            ...(options.logDir ? { logFile: join(options.logDir, `${logName}.log`) } : {}),
            onLine: (line) => options.onLine?.(name, line),
            ...(options.onUnexpectedExit ? { onUnexpectedExit: options.onUnexpectedExit } : {}),
        });

    const cluster = (options.restateNodes ?? 1) === 3;
    const nodePorts: RestatePorts[] = [
        { ingress: ports.ingress, admin: ports.admin, node: ports.node },
        ...(cluster ? await resolveClusterPorts(options.clusterPorts ?? [], picker) : []),
    ];
    const restateNodes: RestateNode[] = nodePorts.map((nodeP, index) => {
        const name = cluster ? `restate-${restateNodeName(index)}` : "restate";
        const env = restateServerEnv(
            join(dataDir, cluster ? `restate-cluster/${restateNodeName(index)}` : "restate"),
            nodeP,
            settings.restate,
            {
                ...(cluster ? clusterNodeEnv(index, nodePorts) : {}),
                ...(process.env.RESTATE_TRACING_ENDPOINT
                    ? { RESTATE_TRACING_ENDPOINT: process.env.RESTATE_TRACING_ENDPOINT }
                    : {}),
                ...options.restateEnv,
            },
        );
        const proc = spec("restate", [restateServerBinary(), "--no-logo"], env, name);
        return { name, ports: nodeP, urls: restateNodeUrls(nodeP), process: proc };
    });
    const nodeUrls = restateNodes.map((n) => n.urls);
    const restateReady = cluster
        ? () => waitForClusterHealth(nodeUrls, restateNodes.length)
        : () => waitForRestate(urls.admin, urls.ingress);
    const firstNode = restateNodes[0];
    if (!firstNode) throw new Error("a stack needs a restate-server node");

    const parts: Record<PartName, ManagedProcess> = {
        restate: firstNode.process,
        dynamo: spec("dynamo", dynaliteCommand(ports.dynamo, temporary ? undefined : join(dataDir, "dynamodb")), {}),
        sandbox: spec(
            "sandbox",
            [BUN, "modules/sandbox/src/main.ts"],
            sandboxProcessEnv(urls, ports.sandbox, options.sandboxEnv),
        ),
        proxy: spec("proxy", [BUN, "modules/twilio_proxy/src/main.ts"], proxyEnv(urls, seed, ports.proxy)),
        leadProcessor: spec("leadProcessor", leadProcessorCommand(options), lpEnv),
    };
    const extras: ManagedProcess[] = [];

    const ready: Record<PartName, () => Promise<void>> = {
        restate: restateReady,
        dynamo: () => waitForDynamo(urls.dynamo),
        sandbox: () => waitUntil("sandbox /health", () => httpOk(`${urls.sandbox}/health`)),
        proxy: () => waitUntil("twilio proxy /health", () => httpOk(`${urls.proxy}/health`)),
        leadProcessor: async () => {
            await registerDeployment(urls.admin, urls.service);
            if (cluster) await waitForServiceEverywhere(nodeUrls, "Lead");
        },
    };
    const hasProxy = existsSync(join(REPO_ROOT, "modules/twilio_proxy/src/main.ts"));

    const failed = (what: string, proc: ManagedProcess) => (error: Error) => {
        throw new Error(`${what} did not become ready: ${error.message}\n    ${proc.tail(15).join("\n    ")}`);
    };
    const startPart = async (part: PartName) => {
        if (part === "proxy" && !hasProxy) return;
        if (part === "restate") for (const node of restateNodes.slice(1)) node.process.start();
        parts[part].start();
        await ready[part]().catch(failed(part, parts[part]));
    };
    const nodeAt = (index: number): RestateNode => {
        const node = restateNodes[index];
        if (!node) throw new Error(`no restate-server node ${index} (the stack runs ${restateNodes.length})`);
        return node;
    };
    const startNode = async (index: number) => {
        const node = nodeAt(index);
        node.process.start();
        await restateReady().catch(failed(node.name, node.process));
    };
    const processes = () => [...restateNodes.map((n) => n.process), ...Object.values(parts), ...extras];

    const stop = async () => {
        await Promise.all([...new Set(processes())].map((p) => p.stop()));
        if (temporary) rmSync(dataDir, { recursive: true, force: true });
    };

    try {
        await Promise.all([startPart("restate"), startPart("dynamo"), startPart("sandbox")]);
        await prepareLocalStore(urls.dynamo, tablePrefix, apiKey, "Local development key (all endpoints)");
        if (options.extraPoolNumbers?.length) await addPoolNumbers(urls.sandbox, options.extraPoolNumbers);
        await Promise.all([startPart("proxy"), startPart("leadProcessor")]);
    } catch (error) {
        await stop();
        throw error;
    }

    return {
        urls,
        settings,
        ports,
        internalToken,
        apiKey,
        tablePrefix,
        seed,
        leadProcessorEnv: lpEnv,
        parts,
        restateNodes,
        processes: () => [...new Set(processes())],
        startPart,
        restart: async (part, how = "graceful") => {
            await (how === "kill9" ? parts[part].kill9() : parts[part].stop());
            await startPart(part);
        },
        killNode: (index) => nodeAt(index).process.kill9(),
        startNode,
        restartNode: async (index, how = "graceful") => {
            const proc = nodeAt(index).process;
            await (how === "kill9" ? proc.kill9() : proc.stop());
            await startNode(index);
        },
        startExtraLeadProcessor: async () => {
            const port = await picker.pick();
            const proc = spec(
                "leadProcessor",
                leadProcessorCommand(options),
                { ...lpEnv, PORT: String(port) },
                `leadProcessor-${port}`,
            );
            extras.push(proc);
            proc.start();
            await waitUntil(`lead processor on port ${port}`, () => portInUse(port)).catch(
                failed(`lead processor on port ${port}`, proc),
            );
            return { url: `http://127.0.0.1:${port}`, process: proc };
        },
        stop,
    };
}

function leadProcessorCommand(options: StackOptions): string[] {
    return [BUN, ...(options.watch ? ["--watch"] : []), options.leadProcessorEntry ?? DEFAULT_LEAD_PROCESSOR_ENTRY];
}

/** Ports of a cluster's nodes 2 and 3: the given ones, else free ones. */
async function resolveClusterPorts(given: RestatePorts[], picker: PortPicker): Promise<RestatePorts[]> {
    const nodes: RestatePorts[] = [];
    for (const i of [0, 1]) {
        nodes.push(given[i] ?? { ingress: await picker.pick(), admin: await picker.pick(), node: await picker.pick() });
    }
    return nodes;
}

/** The sandbox process's settings: the caller's behaviour settings, then the launcher's port and URLs. */
export function sandboxProcessEnv(
    urls: StackUrls,
    port: number,
    behaviour: Record<string, string> = {},
): Record<string, string> {
    return {
        ...behaviour,
        PORT: String(port),
        HOST: "127.0.0.1",
        SANDBOX_PUBLIC_URL: urls.sandbox,
        SANDBOX_INBOUND_WEBHOOK_URL: `${urls.ingress}/TwilioWebhooks/onIncomingMessage`,
    };
}

async function addPoolNumbers(sandboxUrl: string, numbers: string[]): Promise<void> {
    const res = await fetch(`${sandboxUrl}/__sandbox/pool`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ numbers }),
    });
    if (!res.ok) throw new Error(`adding pool numbers to the sandbox: HTTP ${res.status} ${await res.text()}`);
}

async function resolvePorts(given: Partial<StackPorts>, picker: PortPicker): Promise<StackPorts> {
    const pick = (p: number | undefined) => picker.pick(p);
    return {
        ingress: await pick(given.ingress),
        admin: await pick(given.admin),
        node: await pick(given.node),
        service: await pick(given.service),
        dynamo: await pick(given.dynamo),
        proxy: await pick(given.proxy),
        sandbox: await pick(given.sandbox),
    };
}
