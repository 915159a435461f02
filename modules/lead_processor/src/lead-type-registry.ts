import type { Deps } from "./deps";
import { ActOnIntegration } from "./integrations/acton/acton.integration";
import { BotpressIntegration } from "./integrations/botpress/botpress.integration";
import { DhqIntegration } from "./integrations/dhq/dhq.integration";
import { FloorForceIntegration } from "./integrations/floorforce/floorforce.integration";
import type { Integration } from "./integrations/integration";
import { RlmIntegration } from "./integrations/rlm/rlm.integration";
import type { TwilioSettings } from "./integrations/twilio/conversation-plan";
import { TwilioIntegration } from "./integrations/twilio/twilio.integration";
import type { IntegrationName } from "./lead/lead-type";
import { LEAD_TYPES } from "./lead/lead-types";
import { LeadTypeRegistry } from "./lead/registry";
import { sendLeadClose } from "./services/internal-calls";

/** The Twilio integration's settings, from configuration. */
function twilioSettings(config: Deps["config"]): TwilioSettings {
    return {
        messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
        publicIngressUrl: config.PUBLIC_RESTATE_INGRESS_URL,
        inactiveTimer: config.TWILIO_CONVERSATION_INACTIVE_TIMER,
        closedTimer: config.TWILIO_CONVERSATION_CLOSED_TIMER,
        environment: { local: config.TWILIO_API_BASE_URL !== undefined, environment: config.TABLE_PREFIX },
    };
}

/** One instance of every integration, by the name lead types list it under; each gets only what it needs. */
export function integrationCatalogue(deps: Deps): Record<IntegrationName, Integration> {
    const { clients, config, tables } = deps;
    return {
        Twilio: new TwilioIntegration({
            conversations: clients.conversations,
            proxy: clients.twilioProxy,
            directory: clients.nexus,
            optOuts: tables.optedOutNumbers,
            settings: twilioSettings(config),
            closeLead: (ctx, leadId, reason) => sendLeadClose(ctx, deps, leadId, reason),
        }),
        Botpress: new BotpressIntegration({ botpress: clients.botpress }),
        RLM: new RlmIntegration({
            rlm: clients.rlm,
            directory: clients.nexus,
            messages: clients.conversations,
            apiKeyOverride: config.RLM_API_KEY_OVERRIDE,
        }),
        DHQ: new DhqIntegration({ dhq: clients.dhq, directory: clients.nexus, messages: clients.conversations }),
        ActOn: new ActOnIntegration({ acton: clients.acton }),
        FloorForce: new FloorForceIntegration({ floorforce: clients.floorforce }),
    };
}

/** The lead types bound to the deps: validators to the services they read, integrations from the catalogue. */
export function leadTypeRegistry(deps: Deps): LeadTypeRegistry<Integration> {
    return new LeadTypeRegistry(LEAD_TYPES, {
        services: { nexus: deps.clients.nexus, lookup: deps.clients.phoneLookup, optOuts: deps.tables.optedOutNumbers },
        integrations: integrationCatalogue(deps),
    });
}
