import type { DhqClient } from "../../clients/dhq/dhq.client";
import type { ConversationMessageSource } from "../../clients/twilio/conversations.types";
import type { IntegrationState } from "../../lead/lead-schemas";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import type { Integration, IntegrationContext } from "../integration";
import { idempotencyKeys } from "../shared/idempotency-key";
import { closedState, errorState, journaledClock, syncedState } from "../shared/integration-states";
import { leadDirectory } from "../shared/lead-directory";
import { type CopyTarget, copyConversation } from "../shared/message-copy";
import type { RetailerDirectory } from "../shared/retailer-directory";
import { tryStep } from "../shared/try-step";
import { recordedConversationSid } from "../twilio/twilio.data";
import { DhqData } from "./dhq.data";
import { toDhqComment, toDhqInquiry, toDhqSummaryComment } from "./dhq.mappers";

type Ic = IntegrationContext<Web2TextSubmittedLead>;

/** What the DHQ integration needs from the composition root. */
export interface DhqIntegrationDeps {
    dhq: Pick<DhqClient, "submitInquiry" | "postComment">;
    /** Nexus: the store's address and universal id (read only when the lead kept none). */
    directory: RetailerDirectory;
    messages: ConversationMessageSource;
}

/**
 * DealerHQ, for WEB2TEXT leads: submits a store inquiry (which creates the DHQ lead), then on every sync
 * copies the chatbot summary and new conversation messages as comments (once each). Close copies what is
 * still missing, then marks it CLOSED.
 */
export class DhqIntegration implements Integration<Web2TextSubmittedLead> {
    readonly name = "DHQ";

    constructor(private readonly deps: DhqIntegrationDeps) {}

    async shouldRun(): Promise<boolean> {
        return true;
    }

    async create(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = journaledClock(ic.ctx);
        const locationId = ic.lead.Lead.LocationId;
        const found = await leadDirectory(ic, this.deps.directory);
        if (!found.ok) {
            return errorState(state, `Error reading store '${locationId}' from Nexus`, await now(), found.details);
        }
        const store = found.value.location;
        if (!store) return errorState(state, `Store '${locationId}' does not exist in Nexus API`, await now());
        const universalId = store.universal_id;
        if (!universalId) return errorState(state, `Store '${locationId}' has no universal id in Nexus`, await now());

        const conversationSid = recordedConversationSid(ic.integrations.Twilio);
        const inquiry = toDhqInquiry(ic.lead, { ...store, universal_id: universalId }, conversationSid);
        const key = idempotencyKeys.create(ic.lead.LeadId, this.name);
        const created = await tryStep(ic.ctx, "Create DHQ lead", () =>
            this.deps.dhq.submitInquiry(ic.lead.UniversalRetailerId, inquiry, key),
        );
        if (!created.ok) return errorState(state, "Error with DHQ lead submit endpoint", await now(), created.details);

        const data: DhqData = { LeadId: created.value.leadId, SyncedMessageIds: [], SentBotpressSummary: false };
        return this.copy(syncedState(data, created.at), data, ic);
    }

    async sync(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const data = DhqData.safeParse(state.Data);
        if (!data.success) throw new Error("DHQ state has no DHQ lead to sync (Data is missing or malformed)");
        return this.copy(state, data.data, ic);
    }

    /** Copies what the thread gained since the last sync, then CLOSED; a failed copy stays ERROR (a close retries it). */
    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const data = DhqData.safeParse(state.Data);
        if (!data.success) return closedState(state, journaledClock(ic.ctx));
        const copied = await this.copy(state, data.data, ic);
        return copied.SyncStatus === "ERROR" ? copied : { ...copied, SyncStatus: "CLOSED" };
    }

    private copy(state: IntegrationState, data: DhqData, ic: Ic): Promise<IntegrationState> {
        const target: CopyTarget = {
            vendor: "DHQ",
            endpoint: "DHQ comment endpoint",
            item: "comment",
            postSummary: (summary, key) => this.deps.dhq.postComment(data.LeadId, toDhqSummaryComment(summary), key),
            postMessage: (message, sender, key) =>
                this.deps.dhq.postComment(data.LeadId, toDhqComment(message, sender), key),
        };
        return copyConversation(state, data, ic, target, this.deps.messages);
    }
}
