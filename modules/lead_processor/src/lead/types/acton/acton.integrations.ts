import type { Deps } from "../../../deps";
import type { Integration } from "../../../integrations/integration";
import type { ActOnSubmittedLead } from "../../lead-state";

/** ACTON integrations in the order they run: ActOn, then FloorForce (built in their own issues). */
export function actOnIntegrations(_deps: Deps): Integration<ActOnSubmittedLead>[] {
    return [];
}
