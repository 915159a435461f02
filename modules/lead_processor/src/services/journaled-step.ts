import * as restate from "@restatedev/restate-sdk";
import { serviceUnavailable } from "common/restate";
import { vendorStep } from "../integrations/vendor-step";
import type { Step } from "../lead/validation";

/** Bounded retries for reads a caller waits on (validation, Dealer report, Admin scans): a few seconds at most. */
export const READ_RETRY: restate.RunOptions<unknown> = {
    maxRetryAttempts: 4,
    initialRetryInterval: { milliseconds: 200 },
    maxRetryInterval: { seconds: 2 },
};

/**
 * A `Step` backed by `vendorStep` (a journaled `ctx.run` with bounded retries; vendor rejections fail at
 * once). When a step finally fails, the caller gets 503 naming the step: nothing was stored, so the same
 * request can be sent again later.
 */
export function journaledStep(ctx: restate.Context): Step {
    return async <T>(name: string, action: () => Promise<T>): Promise<T> => {
        try {
            return await vendorStep(ctx, name, action, READ_RETRY as restate.RunOptions<T>);
        } catch (error) {
            if (error instanceof restate.TerminalError && !(error instanceof restate.CancelledError)) {
                ctx.console.warn(`Step '${name}' failed`, { step: name, error: error.message });
                throw serviceUnavailable(`${name} failed: ${error.message}`);
            }
            throw error;
        }
    };
}
