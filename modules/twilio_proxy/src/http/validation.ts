import type { z } from "zod";
import { ProxyError } from "../errors";

/** One entry per failing field; unknown keys are listed one by one under their own name. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
    return error.issues.flatMap((issue) => {
        const prefix = issue.path.map(String).join(".");
        if (issue.code === "unrecognized_keys") {
            return issue.keys.map((key) => ({
                path: prefix ? `${prefix}.${key}` : key,
                message: "is not a recognised field",
            }));
        }
        return [{ path: prefix || "(body)", message: issue.message }];
    });
}

/** Parses with `schema` or throws a 400 `invalid_request` naming each failing field. */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const issues = describeIssues(result.error);
    const message = `Invalid request: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`;
    throw new ProxyError(400, "invalid_request", message, { issues });
}
