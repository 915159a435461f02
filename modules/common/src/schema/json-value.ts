import { z } from "zod";

/** Any JSON value (string, number, boolean, null, array, object), as `JSON.parse` returns it. */
export const JsonValue = z.json();
export type JsonValue = z.output<typeof JsonValue>;
