import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { seed as defaultSeed, type Seed } from "sandbox/seed";
import { dynaliteCommand, prepareLocalStore, waitForDynamo } from "./dynamo";
import { leadProcessorEnv, proxyEnv, type StackUrls } from "./env";
import { ManagedProcess, type ProcessSpec } from "./managed-process";
import { freePort } from "./ports";
import { registerDeployment, restateServerBinary, restateServerEnv, waitForRestate } from "./restate-server";
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
    /** Fixed ports (the dev stack); any port not given is a free one. */
    ports?: Partial<StackPorts>;
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
    parts: Record<PartName, ManagedProcess>;
    /** Stops a part and starts it again, waiting until it is ready (and re-registered, for the service). */
    restart(part: PartName, how?: "graceful" | "kill9"): Promise<void>;
    /** Starts a stopped part again and waits until it is ready. */
    startPart(part: PartName): Promise<void>;
    stop(): Promise<void>;
}

const BUN = process.execPath;
const DEFAULT_LEAD_PROCESSOR_ENTRY = "modules/lead_processor/src/main.ts";

/** Starts the whole local stack in dependency order with readiness checks. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
    const seed = options.seed ?? defaultSeed;
    const settings = options.settings ?? TEST_STACK_SETTINGS;
    const ports = await resolvePorts(options.ports ?? {});
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
    const spec = (name: PartName, command: string[], env: Record<string, string | undefined>): ManagedProcess =>
        new ManagedProcess({
            name,
            command,
            env: { ...base, ...env },
            cwd: REPO_ROOT,
            ...(options.logDir ? { logFile: join(options.logDir, `${name}.log`) } : {}),
            onLine: (line) => options.onLine?.(name, line),
            ...(options.onUnexpectedExit ? { onUnexpectedExit: options.onUnexpectedExit } : {}),
        });

    const parts: Record<PartName, ManagedProcess> = {
        restate: spec(
            "restate",
            [restateServerBinary(), "--no-logo"],
            restateServerEnv(join(dataDir, "restate"), ports, settings.restate, {
                ...(process.env.RESTATE_TRACING_ENDPOINT
                    ? { RESTATE_TRACING_ENDPOINT: process.env.RESTATE_TRACING_ENDPOINT }
                    : {}),
                ...options.restateEnv,
            }),
        ),
        dynamo: spec("dynamo", dynaliteCommand(ports.dynamo, temporary ? undefined : join(dataDir, "dynamodb")), {}),
        sandbox: spec(
            "sandbox",
            [BUN, "modules/sandbox/src/main.ts"],
            sandboxProcessEnv(urls, ports.sandbox, options.sandboxEnv),
        ),
        proxy: spec("proxy", [BUN, "modules/twilio_proxy/src/main.ts"], proxyEnv(urls, seed, ports.proxy)),
        leadProcessor: spec(
            "leadProcessor",
            [BUN, ...(options.watch ? ["--watch"] : []), options.leadProcessorEntry ?? DEFAULT_LEAD_PROCESSOR_ENTRY],
            lpEnv,
        ),
    };

    const ready: Record<PartName, () => Promise<void>> = {
        restate: () => waitForRestate(urls.admin, urls.ingress),
        dynamo: () => waitForDynamo(urls.dynamo),
        sandbox: () => waitUntil("sandbox /health", () => httpOk(`${urls.sandbox}/health`)),
        proxy: () => waitUntil("twilio proxy /health", () => httpOk(`${urls.proxy}/health`)),
        leadProcessor: () => registerDeployment(urls.admin, urls.service),
    };
    const hasProxy = existsSync(join(REPO_ROOT, "modules/twilio_proxy/src/main.ts"));

    const startPart = async (part: PartName) => {
        if (part === "proxy" && !hasProxy) return;
        parts[part].start();
        await ready[part]().catch((error: Error) => {
            const tail = parts[part].tail(15).join("\n    ");
            throw new Error(`${part} did not become ready: ${error.message}\n    ${tail}`);
        });
    };

    const stop = async () => {
        await Promise.all(Object.values(parts).map((p) => p.stop()));
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
        startPart,
        restart: async (part, how = "graceful") => {
            await (how === "kill9" ? parts[part].kill9() : parts[part].stop());
            await startPart(part);
        },
        stop,
    };
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

async function resolvePorts(given: Partial<StackPorts>): Promise<StackPorts> {
    const pick = async (p: number | undefined) => p ?? (await freePort());
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
