import type { Deps } from "../../../deps";
import { ActOnIntegration } from "../../../integrations/acton/acton.integration";
import { FloorForceIntegration } from "../../../integrations/floorforce/floorforce.integration";
import type { Integration } from "../../../integrations/integration";
import type { ActOnSubmittedLead } from "../../lead-state";

/** ACTON integrations in the order they run: the ActOn list record, then the FloorForce form post. */
export function actOnIntegrations(deps: Deps): Integration<ActOnSubmittedLead>[] {
    return [
        new ActOnIntegration({ acton: deps.clients.acton }),
        new FloorForceIntegration({ floorforce: deps.clients.floorforce }),
    ];
}
