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
 * filled in once the stack is up (read it inside tests and hooks, not at import time); `stack()` hands out the
 * stack itself (its URLs, table prefix, internal credential) from then on.
 */
export function useOwnStackHandle(options: StackOptions = {}): { target: StackTarget; stack: () => Stack } {
    const target: StackTarget = { ingress: "", sandbox: "", admin: "", apiKey: "" };
    let own: Stack | undefined;
    beforeAll(async () => {
        own = await startOwnStack(options);
        Object.assign(target, targetOf(own));
    });
    afterAll(async () => {
        await own?.stop();
    });
    const stack = () => {
        if (!own) throw new Error("the test file's own stack is not started yet (use it inside tests and hooks)");
        return own;
    };
    return { target, stack };
}

/** {@link useOwnStackHandle} when only the target is needed. */
export function useOwnStack(options: StackOptions = {}): StackTarget {
    return useOwnStackHandle(options).target;
}
