import type { Deps } from "../../../deps";
import { BotpressIntegration } from "../../../integrations/botpress/botpress.integration";
import { DhqIntegration } from "../../../integrations/dhq/dhq.integration";
import type { Integration } from "../../../integrations/integration";
import { RlmIntegration } from "../../../integrations/rlm/rlm.integration";
import { TwilioIntegration } from "../../../integrations/twilio/twilio.integration";
import { sendLeadClose } from "../../../services/internal-calls";
import type { Web2TextSubmittedLead } from "../../lead-state";

/**
 * WEB2TEXT integrations in the order they run: Twilio, Botpress, RLM, DHQ. Order matters: RLM and DHQ read
 * the Twilio and Botpress states of the same pass.
 */
export function web2TextIntegrations(deps: Deps): Integration<Web2TextSubmittedLead>[] {
    const { clients, config } = deps;
    const messages = clients.conversations;
    return [
        new TwilioIntegration({
            conversations: clients.conversations,
            proxy: clients.twilioProxy,
            directory: clients.nexus,
            optOuts: deps.tables.optedOutNumbers,
            settings: {
                messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
                publicIngressUrl: config.PUBLIC_RESTATE_INGRESS_URL,
                inactiveTimer: config.TWILIO_CONVERSATION_INACTIVE_TIMER,
                closedTimer: config.TWILIO_CONVERSATION_CLOSED_TIMER,
                environment: { local: config.TWILIO_API_BASE_URL !== undefined, environment: config.TABLE_PREFIX },
            },
            closeLead: (ctx, leadId, reason) => sendLeadClose(ctx, deps, leadId, reason),
        }),
        new BotpressIntegration({ botpress: clients.botpress }),
        new RlmIntegration({
            rlm: clients.rlm,
            directory: clients.nexus,
            messages,
            apiKeyOverride: config.RLM_API_KEY_OVERRIDE,
        }),
        new DhqIntegration({ dhq: clients.dhq, directory: clients.nexus, messages }),
    ];
}
