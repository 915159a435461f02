import type { LeadTypeDefinition } from "../../lead-type";
import { web2TextSchemas } from "./web2text.schema";
import { validateWeb2TextLead } from "./web2text.validator";

/**
 * WEB2TEXT: a customer's text to a store, opened as a masked SMS thread. Integrations run in this order: RLM
 * and DHQ read the Twilio and Botpress states of the same pass.
 */
export const web2TextLeadType: LeadTypeDefinition<typeof web2TextSchemas> = {
    ...web2TextSchemas,
    validator: (services) => ({
        validate: (request, step, keep) => validateWeb2TextLead(request, step, services, keep),
    }),
    integrations: ["Twilio", "Botpress", "RLM", "DHQ"],
    // Its thread lives on at Twilio: messages, opt-outs and the thread closing are re-read on a timer.
    reconciles: true,
};
