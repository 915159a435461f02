import type { FloorForceClient } from "../../clients/floorforce/floorforce.client";
import type { IntegrationState } from "../../lead/lead-schemas";
import type { ActOnSubmittedLead } from "../../lead/types/acton/acton.schema";
import { formFields } from "../acton/acton.mappers";
import type { Integration, IntegrationContext } from "../integration";
import { idempotencyKeys } from "../shared/idempotency-key";
import { closedState, errorState, journaledClock, syncedState } from "../shared/integration-states";
import { tryStep } from "../shared/try-step";

type Ic = IntegrationContext<ActOnSubmittedLead>;

/** What the FloorForce integration needs from the composition root. */
export interface FloorForceIntegrationDeps {
    floorforce: Pick<FloorForceClient, "postForm">;
}

/**
 * FloorForce, for ACTON leads: posts the whole form (url-encoded) once, in a journaled step, with the
 * `Idempotency-Key` `<LeadId>:FloorForce:create` (exactly once where the vendor honours the key; at-least-once
 * otherwise, see the client). Sync keeps the state; close marks it CLOSED.
 */
export class FloorForceIntegration implements Integration<ActOnSubmittedLead> {
    readonly name = "FloorForce";

    constructor(private readonly deps: FloorForceIntegrationDeps) {}

    async shouldRun(): Promise<boolean> {
        return true;
    }

    async create(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = journaledClock(ic.ctx);
        const fields = formFields(ic.lead.Lead);
        const key = idempotencyKeys.create(ic.lead.LeadId, this.name);
        const posted = await tryStep(ic.ctx, "Create FloorForce lead", () =>
            this.deps.floorforce.postForm(fields, key),
        );
        if (!posted.ok) return errorState(state, "Failed to create FloorForce Lead", await now(), posted.details);
        return syncedState(undefined, posted.at);
    }

    async sync(state: IntegrationState): Promise<IntegrationState> {
        return state;
    }

    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        return closedState(state, journaledClock(ic.ctx));
    }
}
