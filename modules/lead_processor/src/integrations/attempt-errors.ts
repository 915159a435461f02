import * as restate from "@restatedev/restate-sdk";

/**
 * True for errors that end the current attempt rather than report a failure: Restate suspending the
 * invocation (or closing it), and cancellation. These must propagate; catching them would corrupt the journal
 * or ignore a cancel. A TerminalError from a `ctx.run` whose retries ran out is a real failure, not this.
 */
export function isAttemptEnding(error: unknown): boolean {
    if (error instanceof restate.CancelledError) return true;
    if (restate.internal.isSuspendedError(error)) return true;
    return error instanceof restate.RestateError && !(error instanceof restate.TerminalError);
}

/** A JSON-safe description of an error, for `ErrorInfo.Details` (no stack: it is stored and shown to operators). */
export function describeError(error: unknown): { name: string; message: string; code?: number } {
    if (error instanceof restate.RestateError) return { name: error.name, message: error.message, code: error.code };
    if (error instanceof Error) return { name: error.name, message: error.message };
    return { name: "Error", message: typeof error === "string" ? error : (JSON.stringify(error) ?? "unknown error") };
}
