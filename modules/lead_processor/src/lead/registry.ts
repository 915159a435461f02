import type { Deps } from "../deps";
import type { Integration } from "../integrations/integration";
import type { ActOnCreateRequest, CreateLeadRequest, Web2TextCreateRequest } from "./create-request";
import type { ActOnSubmittedLead, SubmittedLead, Web2TextSubmittedLead } from "./lead-state";
import { actOnIntegrations } from "./types/acton/acton.integrations";
import { ActOnLead } from "./types/acton/acton.schema";
import { validateActOnLead } from "./types/acton/acton.validator";
import { web2TextIntegrations } from "./types/web2text/web2text.integrations";
import { Web2TextLead } from "./types/web2text/web2text.schema";
import { validateWeb2TextLead } from "./types/web2text/web2text.validator";
import type { Step, ValidationResult } from "./validation";

/** Everything the lead processor knows about one lead type. */
export interface LeadTypeDefinition<R extends CreateLeadRequest, L extends SubmittedLead> {
    /** The zod schema of the type's `Lead` payload. */
    schema: typeof Web2TextLead | typeof ActOnLead;
    /** Business validation after the schema parsed; every remote read goes through `step`. */
    validate(request: R, step: Step): Promise<ValidationResult>;
    /** Integrations in the order the loop runs them. */
    integrations: readonly Integration<L>[];
}

export interface LeadTypeRegistry {
    WEB2TEXT: LeadTypeDefinition<Web2TextCreateRequest, Web2TextSubmittedLead>;
    ACTON: LeadTypeDefinition<ActOnCreateRequest, ActOnSubmittedLead>;
}

/** Builds the registry once per endpoint, binding validators and integrations to the deps. */
export function createLeadTypeRegistry(deps: Deps): LeadTypeRegistry {
    const services = {
        nexus: deps.clients.nexus,
        lookup: deps.clients.phoneLookup,
        optOuts: deps.tables.optedOutNumbers,
    };
    return {
        WEB2TEXT: {
            schema: Web2TextLead,
            validate: (request, step) => validateWeb2TextLead(request, step, services),
            integrations: web2TextIntegrations(deps),
        },
        ACTON: {
            schema: ActOnLead,
            validate: (request) => validateActOnLead(request),
            integrations: actOnIntegrations(deps),
        },
    };
}

/** Runs the validator of the request's lead type. */
export function validateLead(registry: LeadTypeRegistry, request: CreateLeadRequest, step: Step) {
    switch (request.LeadType) {
        case "WEB2TEXT":
            return registry.WEB2TEXT.validate(request, step);
        case "ACTON":
            return registry.ACTON.validate(request, step);
    }
}

/** The ordered integrations of a lead's type. */
export function integrationsFor(registry: LeadTypeRegistry, lead: SubmittedLead): readonly Integration[] {
    return registry[lead.LeadType].integrations;
}
