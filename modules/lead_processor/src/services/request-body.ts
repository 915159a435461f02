import { badRequest, InvalidJson } from "common/restate";

/**
 * The handler's raw JSON input (from `rawJsonSerde`), refusing bodies that are not JSON (400). An empty body
 * is `undefined`. Oversized bodies never get here: `bodyLimitHook` refuses them for every handler.
 */
export function readJsonBody(input: unknown): unknown {
    if (input instanceof InvalidJson) {
        throw badRequest(`Request could not be parsed - body is not valid JSON (starts with '${input.preview}')`);
    }
    return input;
}
