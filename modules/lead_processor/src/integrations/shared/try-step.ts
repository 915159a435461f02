import type * as restate from "@restatedev/restate-sdk";
import { vendorStep } from "../vendor-step";
import { failureDetails, stepFailure } from "./integration-states";

/**
 * The outcome of a vendor step: its value and when the vendor answered (`at`, read inside the step and journaled
 * with its result, so it is the same on replay), or the JSON-safe details of why it finally failed.
 */
export type StepOutcome<T> =
    | { ok: true; value: T; at: string }
    | { ok: false; details: ReturnType<typeof failureDetails> };

/**
 * Runs a `vendorStep` and reports a final failure as a value instead of throwing it, so an integration can
 * turn it into an ERROR state with its own message. Suspension and cancellation still propagate. A state the
 * step produced is stamped with its `at`: no separate journaled clock read.
 */
export async function tryStep<T>(
    ctx: Pick<restate.Context, "run">,
    name: string,
    action: () => Promise<T>,
): Promise<StepOutcome<T>> {
    try {
        const done = await vendorStep(ctx, name, async () => {
            const value = await action();
            return { value, at: new Date().toISOString() };
        });
        return { ok: true, value: done.value, at: done.at };
    } catch (error) {
        const failure = stepFailure(error);
        if (!failure) throw error;
        return { ok: false, details: failureDetails(failure) };
    }
}
