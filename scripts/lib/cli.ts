/** A failure the user can act on: printed as one line, then the process exits with `exitCode`. */
export class CliError extends Error {
    constructor(
        message: string,
        readonly exitCode = 1,
    ) {
        super(message);
        this.name = "CliError";
    }
}

/** The message of an error, including the `cause` chain that fetch() uses for "connection refused". */
export function describeError(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${cause}`;
}

/**
 * Runs a script's main function: a `CliError` (or any other error) becomes ONE line on stderr prefixed with
 * the script's name and a non-zero exit code. `DEBUG=1` adds the stack trace of unexpected errors.
 */
export async function runCli(name: string, main: () => Promise<void>): Promise<never> {
    try {
        await main();
        process.exit(0);
    } catch (error) {
        const known = error instanceof CliError;
        const line = (known ? error.message : describeError(error)).split("\n")[0];
        process.stderr.write(`${name}: ${line}\n`);
        if (!known && process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
        process.exit(known ? error.exitCode : 1);
    }
}

/** Prints one progress/result line of a script. */
export function say(name: string, message: string): void {
    process.stdout.write(`${name}: ${message}\n`);
}
