/** The sandbox app served in-process on a free port, for client tests against the vendor stand-ins. */

import { leadProcessorEnv } from "devstack";
import { type CallRecord, type FaultRequest, type Sandbox, seed, serveSandbox } from "sandbox";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { z } from "zod";

export interface SandboxServer {
    base: string;
    /** The settings a local stack gives the lead processor, pointed at this sandbox. */
    env: Record<string, string>;
    sandbox: Sandbox;
    /** Calls recorded for one vendor service (`rlm`, `dhq`, …). */
    calls(service: string): CallRecord[];
    /** Sets a fault through the sandbox's own control endpoint. */
    fault(fault: FaultRequest): Promise<void>;
    /** What a vendor stand-in created (`GET /__sandbox/{service}/records`), parsed with `schema`. */
    records<T>(service: string, schema: z.ZodType<T>): Promise<T>;
    /**
     * Makes the vendor stand-ins honour `Idempotency-Key` for this test (their documented behaviour is not to;
     * the setting is reset before the next test), to show the key the client sends is the one a vendor would use.
     */
    honourIdempotencyKeys(): Promise<void>;
    /** Clears call records and faults and restores the documented vendor behaviour (run before each test). */
    reset(): Promise<void>;
    /** Posts to a `/__sandbox/*` endpoint (or any path) and returns the status. */
    control(method: string, path: string, body?: unknown): Promise<number>;
    stop(): void;
}

export function startSandboxServer(): SandboxServer {
    const { sandbox, base, stop } = serveSandbox({ seed });
    const control = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${base}${path}`, {
            method,
            ...(body === undefined
                ? {}
                : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
        });
        await res.text();
        return res.status;
    };
    const env = leadProcessorEnv(
        { ingress: base, admin: base, service: base, dynamo: base, proxy: base, sandbox: base },
        seed,
        { port: 9080, internalToken: "internal-token-for-tests", tablePrefix: "TEST", logFormat: "json" },
    );
    return {
        base,
        env,
        sandbox,
        calls: (service) => sandbox.recorder.list({ service }),
        fault: async (fault) => {
            const status = await control("POST", "/__sandbox/faults", fault);
            if (status !== 201) throw new Error(`fault not set: ${status}`);
        },
        records: async (service, schema) => {
            const res = await fetch(`${base}/__sandbox/${service}/records`);
            if (!res.ok) throw new Error(`records of ${service}: HTTP ${res.status}`);
            return schema.parse(await res.json());
        },
        honourIdempotencyKeys: async () => {
            const status = await control("PUT", "/__sandbox/settings", { vendorIdempotency: true });
            if (status !== 200) throw new Error(`vendorIdempotency not set: ${status}`);
        },
        reset: async () => {
            sandbox.recorder.clear();
            sandbox.faults.clear();
            await control("DELETE", "/__sandbox/settings");
        },
        control,
        stop,
    };
}

/**
 * One sandbox server for a test file: started before its tests, stopped after them, its call records and
 * faults cleared before each test. Returns a getter for the running server.
 */
export function useSandboxServer(): () => SandboxServer {
    let sb: SandboxServer | undefined;
    beforeAll(() => {
        sb = startSandboxServer();
    });
    afterAll(() => sb?.stop());
    beforeEach(() => sb?.reset());
    return () => {
        if (!sb) throw new Error("the sandbox server has not started");
        return sb;
    };
}
