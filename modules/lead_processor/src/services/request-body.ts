import type * as restate from "@restatedev/restate-sdk";
import { badRequest, InvalidJson, payloadTooLarge } from "common/restate";

/** Request bodies larger than this are refused with 413 before any parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The handler's raw JSON input (from `rawJsonSerde`), refusing bodies over 256 KB (413) and bodies that are
 * not JSON (400). An empty body is `undefined`.
 */
export function readJsonBody(ctx: Pick<restate.Context, "request">, input: unknown): unknown {
    if (ctx.request().body.length > MAX_BODY_BYTES) {
        throw payloadTooLarge(`Request body is larger than ${MAX_BODY_BYTES / 1024} KB`);
    }
    if (input instanceof InvalidJson) {
        throw badRequest(`Request could not be parsed - body is not valid JSON (starts with '${input.preview}')`);
    }
    return input;
}
