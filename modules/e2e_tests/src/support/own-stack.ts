/**
 * A stack of a test file's own, for tests that crash a part, change settings (short conversation timers) or
 * must not share stores with concurrently running tests.
 */
import { type Stack, type StackOptions, startStack } from "devstack";
import { afterAll, beforeAll } from "vitest";
import { type StackTarget, targetOf } from "./web2text";

/** Starts a full stack (restate-server, dynalite, sandbox, proxy, lead processor) on free ports. */
export function startOwnStack(options: StackOptions = {}): Promise<Stack> {
    return startStack({
        logDir: process.env.E2E_LOG_DIR,
        onUnexpectedExit: ({ name, code, signal, lastLines }) => {
            process.stderr.write(
                `\n[own stack] ${name} exited (code ${code}, signal ${signal}):\n${lastLines.slice(-15).join("\n")}\n`,
            );
        },
        ...options,
    });
}

/**
 * A stack of the test file's own, started before its tests and stopped after them. The returned target is
 * filled in once the stack is up (read it inside tests and hooks, not at import time).
 */
export function useOwnStack(options: StackOptions = {}): StackTarget {
    return useOwnStackWithParts(options).target;
}

/**
 * As {@link useOwnStack}, for tests that also act on the stack's parts (kill the lead processor and start it
 * again): `stack()` is the running stack, inside tests.
 */
export function useOwnStackWithParts(options: StackOptions = {}): { target: StackTarget; stack: () => Stack } {
    const target: StackTarget = { ingress: "", sandbox: "", admin: "", apiKey: "" };
    let own: Stack | undefined;
    beforeAll(async () => {
        own = await startOwnStack(options);
        Object.assign(target, targetOf(own));
    });
    afterAll(async () => {
        await own?.stop();
    });
    return {
        target,
        stack: () => {
            if (!own) throw new Error("the test's own stack is not running");
            return own;
        },
    };
}
