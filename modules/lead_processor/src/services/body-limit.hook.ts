import type * as restate from "@restatedev/restate-sdk";
import { payloadTooLarge } from "common/restate";

/** Request bodies larger than this are refused with 413 before any handler code runs. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The one body-size limit of every handler: a service-level hook that fails the invocation with 413 before
 * authorization, state checks or parsing, so an oversized body never reaches a handler (or the journal of
 * any step).
 */
export const bodyLimitHook: restate.HooksProvider = ({ request }) => ({
    interceptor: {
        handler: async (next) => {
            if (request.body.length > MAX_BODY_BYTES) {
                throw payloadTooLarge(`Request body is larger than ${MAX_BODY_BYTES / 1024} KB`);
            }
            await next();
        },
    },
});
