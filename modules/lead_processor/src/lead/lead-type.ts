import type { z } from "zod";
import type { NexusDirectory } from "../clients/nexus/nexus.client";
import type { PhoneLookup } from "../clients/twilio/phone-lookup.client";
import type { OptOutRegistry } from "../db/opted-out-numbers.table";
import type { KeepFacts } from "./directory-facts";
import type { leadTypeSchemas } from "./lead-schemas";
import type { Step, ValidationResult } from "./validation";

/** The remote reads lead-type validators may make, built once by the composition root. */
export interface ValidationServices {
    nexus: NexusDirectory;
    lookup: PhoneLookup;
    optOuts: OptOutRegistry;
}

/**
 * Business validation of a create request that its schema already parsed; every remote read goes through
 * `step`. A valid request's directory answers go to `keep` (the lead's integrations reuse them). The registry
 * hands a lead type's validator only requests of that type.
 */
export interface LeadValidator<R> {
    validate(request: R, step: Step, keep?: KeepFacts): Promise<ValidationResult>;
}

/** The names integrations are known (and their states kept, `Integrations.<Name>`) under. */
export type IntegrationName = "Twilio" | "Botpress" | "RLM" | "DHQ" | "ActOn" | "FloorForce";

/** The schemas of a lead type, from `leadTypeSchemas`. */
export type LeadTypeSchemas = ReturnType<typeof leadTypeSchemas<string, z.ZodType>>;

/**
 * Everything a lead type declares, in its own folder: its schemas (`leadTypeSchemas`), its validator as a
 * factory taking the services it reads, and the names of its integrations in the order they run. Registering
 * it is one line in `lead-types.ts`; the composition root binds it to the services and integrations.
 */
export interface LeadTypeDefinition<S extends LeadTypeSchemas = LeadTypeSchemas> {
    type: S["type"];
    request: S["request"];
    submitted: S["submitted"];
    validator(services: ValidationServices): LeadValidator<z.output<S["request"]>>;
    integrations: readonly IntegrationName[];
    /**
     * Whether an open lead of this type re-runs its integrations on a durable timer (`LEAD_RECONCILE_INTERVAL`),
     * so what the outside world changed without telling us (a lost webhook) is picked up.
     */
    reconciles: boolean;
}
