import type { ActOnClient } from "../../clients/acton/acton.client";
import type { IntegrationState } from "../../lead/lead-schemas";
import type { ActOnSubmittedLead } from "../../lead/types/acton/acton.schema";
import type { Integration, IntegrationContext } from "../integration";
import { idempotencyKeys } from "../shared/idempotency-key";
import { closedState, errorState, syncedState } from "../shared/integration-states";
import { tryStep } from "../shared/try-step";
import { actOnContact } from "./acton.mappers";

type Ic = IntegrationContext<ActOnSubmittedLead>;

/** What the ActOn integration needs from the composition root. */
export interface ActOnIntegrationDeps {
    acton: Pick<ActOnClient, "addListRecord">;
}

/**
 * ActOn, for ACTON leads: adds the contact to the list named by the lead's `listId`, inside a journaled step
 * (the old system called ActOn outside one and could post twice) with the `Idempotency-Key`
 * `<LeadId>:ActOn:create`, so a step that runs again (retry, crash before the journal entry, a later create
 * after an ERROR) does not write twice where the vendor honours the key; ActOn merges by e-mail anyway, so
 * the contact itself is never duplicated. Sync keeps the state; close marks it CLOSED.
 */
export class ActOnIntegration implements Integration<ActOnSubmittedLead> {
    readonly name = "ActOn";

    constructor(private readonly deps: ActOnIntegrationDeps) {}

    async shouldRun(): Promise<boolean> {
        return true;
    }

    async create(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = () => ic.ctx.date.toJSON();
        const listId = ic.lead.Lead.listId;
        if (!listId) {
            return errorState(state, "ACTON lead has no 'listId', so there is no ActOn list to add it to", await now());
        }
        const contact = actOnContact(ic.lead.Lead);
        const key = idempotencyKeys.create(ic.lead.LeadId, this.name);
        const added = await tryStep(ic.ctx, "Add ActOn list record", () =>
            this.deps.acton.addListRecord(listId, contact, key),
        );
        if (!added.ok) return errorState(state, "Failed to create ActOn Lead", await now(), added.details);
        const data = { ListId: listId, RecordId: added.value.id ?? null, ContactId: added.value.contactId ?? null };
        return syncedState(data, await now());
    }

    async sync(state: IntegrationState): Promise<IntegrationState> {
        return state;
    }

    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        return closedState(state, await ic.ctx.date.toJSON());
    }
}
