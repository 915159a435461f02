import { type ValidationResult, valid } from "../../validation";
import type { ActOnCreateRequest } from "./acton.schema";

/**
 * ActOn leads need no remote checks: the schema (names, e-mail, postal code, preferred location) is the whole
 * validation, and it has already run when this is called.
 */
export async function validateActOnLead(_request: ActOnCreateRequest): Promise<ValidationResult> {
    return valid("ActOn Lead");
}
