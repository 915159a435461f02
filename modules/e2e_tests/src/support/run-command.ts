import { REPO_ROOT } from "devstack";

/** What a finished command printed and how it exited. */
export interface CommandResult {
    stdout: string;
    stderr: string;
    code: number;
}

/** Bun itself, for `bun run <script>` and `bun scripts/<name>.ts`. */
export const BUN = process.execPath;

/**
 * Runs a command (`[BUN, "run", "cutover", …]`) from the repository root (or `cwd`) with only `PATH`, `HOME` and
 * `env` in its environment, as an operator's shell would, and waits for it.
 */
export async function runCommand(
    command: string[],
    env: Record<string, string> = {},
    cwd = REPO_ROOT,
): Promise<CommandResult> {
    const child = Bun.spawn(command, {
        cwd,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
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
