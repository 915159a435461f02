/** The verdict of one validation check (the production system's `ValidationStatus`). */
export interface ValidationResult {
    /** What was checked: `Retailer`, `Location`, `Phone Number`, `Web2Text Lead`… */
    Name: string;
    Status: "VALID" | "INVALID" | "NONEXISTANT";
    Reason?: string;
}

/**
 * Runs a check with a name: inside a handler this is a journaled `ctx.run` with bounded retries, in unit
 * tests it simply calls the action. Results must be JSON values (use null, not undefined).
 */
export type Step = <T>(name: string, action: () => Promise<T>) => Promise<T>;

/** A passed check. */
export const valid = (Name: string): ValidationResult => ({ Name, Status: "VALID" });
/** A failed check: the thing exists but may not take Web2Text leads. */
export const invalid = (Name: string, Reason: string): ValidationResult => ({ Name, Status: "INVALID", Reason });
/** A failed check: the thing does not exist (spelled NONEXISTANT in the public contract). */
export const nonexistent = (Name: string, Reason: string): ValidationResult => ({
    Name,
    Status: "NONEXISTANT",
    Reason,
});

/** The 400 message for a failed check: `<Name> is <Status> - <Reason>`. */
export function validationMessage(result: ValidationResult): string {
    return `${result.Name} is ${result.Status} - ${result.Reason ?? "no reason given"}`;
}
