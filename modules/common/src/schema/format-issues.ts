import type { z } from "zod";

/** One readable line naming every failing field: `Lead.PhoneNumber: is not a valid phone number; LeadType: …`. */
export function formatIssues(error: z.ZodError): string {
    return error.issues
        .map((issue) => {
            const path = issue.path.map(String).join(".");
            return path ? `${path}: ${issue.message}` : issue.message;
        })
        .join("; ");
}
