import type { CreateLeadRequest } from "./create-request";
import type { KeepFacts } from "./directory-facts";
import type { SubmittedLead } from "./lead-state";
import type { IntegrationName, LeadTypeDefinition, LeadValidator, ValidationServices } from "./lead-type";
import type { Step, ValidationResult } from "./validation";

/** What lead types are bound to: the services validators read, and one instance of every integration. */
export interface LeadTypeBindings<I> {
    services: ValidationServices;
    integrations: Readonly<Record<IntegrationName, I>>;
}

/** A lead type bound to its services and integrations. */
interface BoundLeadType<I> {
    validator: LeadValidator<CreateLeadRequest>;
    integrations: readonly I[];
    reconciles: boolean;
}

/**
 * The lead types bound once per endpoint (by the composition root) to the services their validators read and
 * to the integrations they name. Generic in the integration type, so this layer knows no integration.
 */
export class LeadTypeRegistry<I extends { readonly name: string }> {
    private readonly types = new Map<string, BoundLeadType<I>>();

    constructor(definitions: readonly LeadTypeDefinition[], bindings: LeadTypeBindings<I>) {
        for (const definition of definitions) {
            this.types.set(definition.type, {
                validator: definition.validator(bindings.services),
                integrations: definition.integrations.map((name) => named(bindings.integrations[name], name)),
                reconciles: definition.reconciles,
            });
        }
    }

    /** Runs the validator of the request's lead type; a valid request's directory answers go to `keep`. */
    validate(request: CreateLeadRequest, step: Step, keep?: KeepFacts): Promise<ValidationResult> {
        return this.bound(request.LeadType).validator.validate(request, step, keep);
    }

    /** The integrations of a lead's type, in the order the loop runs them. */
    integrationsFor(lead: SubmittedLead): readonly I[] {
        return this.bound(lead.LeadType).integrations;
    }

    /** Whether an open lead of this type is reconciled on a timer. */
    reconciles(lead: SubmittedLead): boolean {
        return this.bound(lead.LeadType).reconciles;
    }

    private bound(type: string): BoundLeadType<I> {
        const bound = this.types.get(type);
        if (!bound) throw new Error(`Lead type '${type}' is not registered`);
        return bound;
    }
}

/** The integration, checked to call itself by the name it is listed under (its state is kept under that name). */
function named<I extends { readonly name: string }>(integration: I, name: string): I {
    if (integration.name !== name) throw new Error(`Integration listed as '${name}' is named '${integration.name}'`);
    return integration;
}
