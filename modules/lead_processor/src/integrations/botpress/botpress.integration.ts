import type { BotpressClient } from "../../clients/botpress/botpress.client";
import type { IntegrationState } from "../../lead/lead-schemas";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import type { Integration, IntegrationContext } from "../integration";
import { closedState, errorState, journaledClock, syncedState } from "../shared/integration-states";
import { tryStep } from "../shared/try-step";
import type { BotpressData } from "./botpress.data";

type Ic = IntegrationContext<Web2TextSubmittedLead>;

/** What the Botpress integration needs from the composition root. */
export interface BotpressIntegrationDeps {
    botpress: Pick<BotpressClient, "findConversationRow">;
}

/**
 * Botpress, for WEB2TEXT leads that started with the chatbot (`BotpressConversationId` set; other leads skip
 * it — the old system ran it for every lead and recorded an error). Create fetches the chatbot's summary row,
 * which RLM and DHQ then post once; sync has nothing to do; close marks it CLOSED.
 */
export class BotpressIntegration implements Integration<Web2TextSubmittedLead> {
    readonly name = "Botpress";

    constructor(private readonly deps: BotpressIntegrationDeps) {}

    async shouldRun(ic: Ic): Promise<boolean> {
        return Boolean(ic.lead.Lead.BotpressConversationId);
    }

    async create(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = journaledClock(ic.ctx);
        const conversationId = ic.lead.Lead.BotpressConversationId;
        if (!conversationId) return errorState(state, "Botpress Conversation ID is not set", await now());
        const found = await tryStep(
            ic.ctx,
            "Fetch Botpress AI summary",
            async () => (await this.deps.botpress.findConversationRow(conversationId)) ?? null,
        );
        if (!found.ok) return errorState(state, "Error with Botpress table API", await now(), found.details);
        if (!found.value) return errorState(state, "No Botpress AI Summary found", await now());
        const data: BotpressData = { ConversationId: conversationId, Conversation: found.value };
        return syncedState(data, found.at);
    }

    async sync(state: IntegrationState): Promise<IntegrationState> {
        return state;
    }

    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        return closedState(state, journaledClock(ic.ctx));
    }
}
