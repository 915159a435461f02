import type { Deps } from "../../../deps";
import type { Integration } from "../../../integrations/integration";
import type { Web2TextSubmittedLead } from "../../lead-state";

/**
 * WEB2TEXT integrations in the order they run: Twilio, Botpress, RLM, DHQ (built in their own issues). Order
 * matters: RLM and DHQ read the Twilio and Botpress states of the same pass.
 */
export function web2TextIntegrations(_deps: Deps): Integration<Web2TextSubmittedLead>[] {
    return [];
}
