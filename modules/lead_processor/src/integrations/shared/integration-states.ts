import * as restate from "@restatedev/restate-sdk";
import type { IntegrationState } from "../../lead/lead-schemas";

/**
 * The failure of one of our own vendor steps (retries spent, or a rejection retrying cannot fix), or
 * undefined for anything else — suspension and cancellation must propagate untouched.
 */
export function stepFailure(error: unknown): restate.TerminalError | undefined {
    if (error instanceof restate.CancelledError) return undefined;
    return error instanceof restate.TerminalError ? error : undefined;
}

/** JSON-safe details of a failed step, for `ErrorInfo.Details`. */
export function failureDetails(error: restate.TerminalError): { name: string; message: string; code: number } {
    return { name: error.name, message: error.message, code: error.code };
}

/** A SYNCED state with `Data`, stamped now (any previous ErrorInfo dropped). */
export function syncedState(data: unknown, now: string): IntegrationState {
    return { SyncStatus: "SYNCED", ...(data === undefined ? {} : { Data: data }), LastSynced: now };
}

/**
 * An ERROR state that keeps `LastSynced` of `state` (so a created record is synced, never re-created) and
 * carries a readable message.
 */
export function errorState(
    state: IntegrationState,
    message: string,
    now: string,
    details?: unknown,
    data: unknown = state.Data,
): IntegrationState {
    return {
        SyncStatus: "ERROR",
        ...(data === undefined ? {} : { Data: data }),
        ...(state.LastSynced ? { LastSynced: state.LastSynced } : {}),
        ErrorInfo: { Message: message, ...(details === undefined ? {} : { Details: details }), ErrorDate: now },
    };
}

/**
 * The CLOSED state an integration ends in (its data kept for the record); the clock is read only when the state
 * has no `LastSynced` yet.
 */
export async function closedState(state: IntegrationState, now: () => Promise<string>): Promise<IntegrationState> {
    return {
        SyncStatus: "CLOSED",
        ...(state.Data === undefined ? {} : { Data: state.Data }),
        LastSynced: state.LastSynced ?? (await now()),
    };
}

/** The journaled clock of a pass: read only where no step produced the state (failures, nothing to do). */
export function journaledClock(ctx: Pick<restate.Context, "date">): () => Promise<string> {
    return () => ctx.date.toJSON();
}
