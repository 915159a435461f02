import type { ActOnClient } from "../../clients/acton/acton.client";
import type { IntegrationState } from "../../lead/lead-schemas";
import type { ActOnSubmittedLead } from "../../lead/types/acton/acton.schema";
import type { Integration, IntegrationContext } from "../integration";
import { idempotencyKeys } from "../shared/idempotency-key";
import { closedState, errorState, journaledClock, syncedState } from "../shared/integration-states";
import { tryStep } from "../shared/try-step";
import { actOnContact } from "./acton.mappers";

type Ic = IntegrationContext<ActOnSubmittedLead>;

/** What the ActOn integration needs from the composition root. */
export interface ActOnIntegrationDeps {
    acton: Pick<ActOnClient, "upsertListRecord">;
}

/**
 * ActOn, for ACTON leads: writes the contact to the list named by the lead's `listId` with ActOn's upsert by
 * e-mail, inside a journaled step (the old system posted outside one, with "Add a Contact", and could add the
 * contact twice). A step that runs again (retry, crash before the journal entry, a later create after an ERROR)
 * updates the same contact, so the record is exactly once at ActOn; the write carries the `Idempotency-Key`
 * `<LeadId>:ActOn:create`. Sync keeps the state; close marks it CLOSED.
 */
export class ActOnIntegration implements Integration<ActOnSubmittedLead> {
    readonly name = "ActOn";

    constructor(private readonly deps: ActOnIntegrationDeps) {}

    async shouldRun(): Promise<boolean> {
        return true;
    }

    async create(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = journaledClock(ic.ctx);
        const listId = ic.lead.Lead.listId;
        if (!listId) {
            return errorState(state, "ACTON lead has no 'listId', so there is no ActOn list to add it to", await now());
        }
        const contact = actOnContact(ic.lead.Lead);
        const key = idempotencyKeys.create(ic.lead.LeadId, this.name);
        const email = ic.lead.Lead["E-mail Address"];
        const added = await tryStep(ic.ctx, "Write ActOn list record", () =>
            this.deps.acton.upsertListRecord(listId, email, contact, key),
        );
        if (!added.ok) return errorState(state, "Failed to create ActOn Lead", await now(), added.details);
        const data = { ListId: listId, RecordId: added.value.id ?? null, ContactId: added.value.contactId ?? null };
        return syncedState(data, added.at);
    }

    async sync(state: IntegrationState): Promise<IntegrationState> {
        return state;
    }

    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        return closedState(state, journaledClock(ic.ctx));
    }
}
