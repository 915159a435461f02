import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type RestateServerTuning, restateServerTuningEnv } from "common";
import { z } from "zod";
import { httpOk, waitUntil } from "./wait";

const require = createRequire(import.meta.url);

/** Path of the restate-server binary shipped in the `@restatedev/restate-server` npm package. */
export function restateServerBinary(): string {
    const wrapper = require.resolve("@restatedev/restate-server/package.json");
    const platformPkg = createRequire(wrapper).resolve(
        `@restatedev/restate-server-${process.platform}-${process.arch}/package.json`,
    );
    return join(dirname(platformPkg), "bin", "restate-server");
}

/** Path of the `restate` CLI binary shipped in the `@restatedev/restate` npm package. */
export function restateCliBinary(): string {
    const wrapper = require.resolve("@restatedev/restate/package.json");
    const platformPkg = createRequire(wrapper).resolve(
        `@restatedev/restate-${process.platform}-${process.arch}/package.json`,
    );
    return join(dirname(platformPkg), "bin", "restate");
}

export interface RestatePorts {
    ingress: number;
    admin: number;
    node: number;
}

/**
 * Environment for a loopback-only single-node restate-server, sized by `tuning` (see `StackSettings`; an unset
 * setting keeps Restate's default), then `extra`.
 */
export function restateServerEnv(
    baseDir: string,
    ports: RestatePorts,
    tuning: RestateServerTuning,
    extra: Record<string, string> = {},
): Record<string, string | undefined> {
    return {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        RESTATE_BASE_DIR: baseDir,
        RESTATE_NODE_NAME: "lead-processor-local",
        RESTATE_LISTEN_MODE: "tcp",
        RESTATE_INGRESS__BIND_ADDRESS: `127.0.0.1:${ports.ingress}`,
        RESTATE_ADMIN__BIND_ADDRESS: `127.0.0.1:${ports.admin}`,
        RESTATE_BIND_ADDRESS: `127.0.0.1:${ports.node}`,
        RESTATE_ADVERTISED_ADDRESS: `http://127.0.0.1:${ports.node}/`,
        RESTATE_DISABLE_TELEMETRY: "true",
        RESTATE_LOG_FORMAT: "compact",
        RESTATE_LOG_DISABLE_ANSI_CODES: "true",
        ...restateServerTuningEnv(tuning),
        ...extra,
    };
}

/** Ready means: admin health, ingress health, and every partition answering SQL. */
export async function waitForRestate(adminUrl: string, ingressUrl: string, timeoutMs = 60_000): Promise<void> {
    await waitUntil("restate-server admin /health", () => httpOk(`${adminUrl}/health`), timeoutMs);
    await waitUntil("restate-server ingress /restate/health", () => httpOk(`${ingressUrl}/restate/health`), timeoutMs);
    await waitUntil(
        "restate-server partitions",
        async () => {
            const res = await fetch(`${adminUrl}/query`, {
                method: "POST",
                headers: { "content-type": "application/json", accept: "application/json" },
                body: JSON.stringify({ query: "SELECT count(1) FROM sys_invocation" }),
            });
            await res.body?.cancel();
            return res.ok;
        },
        timeoutMs,
    );
}

const Registered = z.object({ id: z.string() });

/**
 * Registers (or re-registers, with force) the service endpoint with the Restate admin API; returns the
 * deployment's id (`dp_…`).
 */
export async function registerDeployment(adminUrl: string, serviceUrl: string, timeoutMs = 60_000): Promise<string> {
    let lastText = "";
    let id = "";
    await waitUntil(
        `registration of ${serviceUrl}`,
        async () => {
            const res = await fetch(`${adminUrl}/deployments`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ uri: serviceUrl, force: true }),
            });
            lastText = await res.text();
            if (res.ok) id = Registered.parse(JSON.parse(lastText)).id;
            return res.ok;
        },
        timeoutMs,
        200,
    ).catch((error: Error) => {
        throw new Error(`${error.message}; admin said: ${lastText.slice(0, 300)}`);
    });
    return id;
}
