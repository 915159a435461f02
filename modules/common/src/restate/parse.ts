import type { z } from "zod";
import { formatIssues } from "../schema/format-issues";
import { badRequest } from "./errors";

/** Parses handler input with a zod schema; failure is a 400 whose message names each failing field. */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, input: unknown, what = "Request"): z.output<S> {
    const result = schema.safeParse(input);
    if (!result.success) throw badRequest(`${what} could not be parsed - ${formatIssues(result.error)}`);
    return result.data;
}
