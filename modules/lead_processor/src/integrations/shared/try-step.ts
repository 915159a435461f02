import type * as restate from "@restatedev/restate-sdk";
import { vendorStep } from "../vendor-step";
import { failureDetails, stepFailure } from "./integration-states";

/** The outcome of a vendor step: its value, or the JSON-safe details of why it finally failed. */
export type StepOutcome<T> = { ok: true; value: T } | { ok: false; details: ReturnType<typeof failureDetails> };

/**
 * Runs a `vendorStep` and reports a final failure as a value instead of throwing it, so an integration can
 * turn it into an ERROR state with its own message. Suspension and cancellation still propagate.
 */
export async function tryStep<T>(
    ctx: Pick<restate.Context, "run">,
    name: string,
    action: () => Promise<T>,
): Promise<StepOutcome<T>> {
    try {
        return { ok: true, value: await vendorStep(ctx, name, action) };
    } catch (error) {
        const failure = stepFailure(error);
        if (!failure) throw error;
        return { ok: false, details: failureDetails(failure) };
    }
}
