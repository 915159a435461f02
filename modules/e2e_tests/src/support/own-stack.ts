/**
 * A stack of a test file's own, for tests that crash a part, change settings (short conversation timers) or
 * must not share stores with concurrently running tests.
 */
import { type Stack, type StackOptions, startStack } from "devstack";

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
