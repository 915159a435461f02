import * as restate from "@restatedev/restate-sdk";
import { VendorError } from "../clients/http";

/** Bounded retries for a vendor step; once spent, the step fails and the integration records ERROR. */
export const VENDOR_RETRY: restate.RunOptions<unknown> = {
    maxRetryAttempts: 5,
    initialRetryInterval: { milliseconds: 500 },
    maxRetryInterval: { seconds: 10 },
};

/**
 * Runs one call that leaves the process as a named, journaled step. Vendor rejections (4xx) fail at once
 * (retrying cannot help); 429s are retried after the vendor's Retry-After; other failures are retried with
 * bounded backoff. A retried step repeats the call, so each call must be safe to repeat (idempotency keys,
 * look-before-create) — the journal then guarantees it is not repeated after it succeeded.
 */
export function vendorStep<T>(
    ctx: Pick<restate.Context, "run">,
    name: string,
    action: () => Promise<T>,
    options: restate.RunOptions<T> = VENDOR_RETRY as restate.RunOptions<T>,
): restate.RestatePromise<T> {
    return ctx.run(
        name,
        async () => {
            try {
                return await action();
            } catch (error) {
                if (error instanceof VendorError && !error.retryable) {
                    throw new restate.TerminalError(error.message, { errorCode: error.status ?? 500 });
                }
                if (error instanceof VendorError && error.retryAfterMs !== undefined) {
                    throw restate.RetryableError.from(error, { retryAfter: { milliseconds: error.retryAfterMs } });
                }
                throw error;
            }
        },
        options,
    );
}
