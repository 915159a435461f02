import { REPO_ROOT } from "devstack";

/** What a finished command printed, and its exit code. */
export interface CommandResult {
    stdout: string;
    stderr: string;
    code: number;
}

/**
 * Runs a command to its end with only the given environment (plus PATH and HOME), from the repository root
 * unless `cwd` says otherwise, and collects its output.
 */
export async function runCommand(
    argv: string[],
    options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CommandResult> {
    const child = Bun.spawn(argv, {
        cwd: options.cwd ?? REPO_ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
        stdout: "pipe",
        stderr: "pipe",
    });
    const [stdout, stderr, code] = await Promise.all([
        new Response(child.stdout).text(),
        new Response(child.stderr).text(),
        child.exited,
    ]);
    return { stdout, stderr, code };
}

/** Runs one of the repository's TypeScript scripts (`scripts/…`) with Bun. */
export const runScript = (script: string, args: string[], env: Record<string, string> = {}) =>
    runCommand([process.execPath, script, ...args], { env });
