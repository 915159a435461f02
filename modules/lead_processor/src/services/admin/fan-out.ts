import * as restate from "@restatedev/restate-sdk";

/** One lead's outcome of an awaited fan-out: its handler's answer, or the error it ended with. */
export type LeadCallOutcome<T> = { LeadId: string; value: T } | { LeadId: string; Error: string };

/** How Admin reaches each lead: a one-way send, or a call whose answer the caller waits for. */
export interface LeadFanOut<T> {
    send(leadId: string): void;
    call(leadId: string): restate.RestatePromise<T>;
}

/**
 * The one way Admin operations (bulk SYNC/CLOSE, erase) reach many leads. `Async: true` sends one-way calls
 * (durable, each lead serialized by its own lock) and returns at once with undefined; `Async: false` calls every
 * lead, waits for all of them and reports each lead's own outcome.
 */
export async function fanOut<T>(
    ids: readonly string[],
    async: boolean,
    reach: LeadFanOut<T>,
): Promise<LeadCallOutcome<T>[] | undefined> {
    if (async) {
        for (const id of ids) reach.send(id);
        return undefined;
    }
    const settled = await restate.RestatePromise.allSettled(ids.map((id) => reach.call(id)));
    return settled.map((outcome, i): LeadCallOutcome<T> => {
        const LeadId = ids[i] ?? "";
        return outcome.status === "rejected"
            ? { LeadId, Error: errorMessage(outcome.reason) }
            : { LeadId, value: outcome.value };
    });
}

function errorMessage(error: unknown): string {
    if (error instanceof restate.TerminalError) return `${error.code}: ${error.message}`;
    return error instanceof Error ? error.message : String(error);
}
