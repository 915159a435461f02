import type { RlmClient } from "../../clients/rlm/rlm.client";
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
import { RlmData } from "./rlm.data";
import { RLM_DEFAULT_LOCATION, rlmLocationName, toRlmLead, toRlmNote, toRlmSummaryNote } from "./rlm.mappers";

type Ic = IntegrationContext<Web2TextSubmittedLead>;

/** What the RLM integration needs from the composition root. */
export interface RlmIntegrationDeps {
    rlm: Pick<RlmClient, "createLead" | "postNote" | "locationMappings">;
    /** Nexus: the retailer's RLM key and the store's universal id (read only when the lead kept none). */
    directory: RetailerDirectory;
    messages: ConversationMessageSource;
    /** `RLM_API_KEY_OVERRIDE`: when set, wins over the retailer's own key. */
    apiKeyOverride?: string | undefined;
}

/**
 * RLM (Retail Lead Management), for WEB2TEXT leads: creates the RLM lead in the retailer's account, then on
 * every sync copies the chatbot summary and new conversation messages as notes (once each). Close copies what
 * is still missing, then marks it CLOSED (RLM has no close call).
 */
export class RlmIntegration implements Integration<Web2TextSubmittedLead> {
    readonly name = "RLM";

    constructor(private readonly deps: RlmIntegrationDeps) {}

    async shouldRun(): Promise<boolean> {
        return true;
    }

    async create(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = journaledClock(ic.ctx);
        const apiKey = await this.retailerApiKey(ic);
        if ("problem" in apiKey) return errorState(state, apiKey.problem, await now(), apiKey.details);

        const locationName = await this.locationName(ic);
        const key = idempotencyKeys.create(ic.lead.LeadId, this.name);
        const created = await tryStep(ic.ctx, "Create RLM lead", () =>
            this.deps.rlm.createLead(apiKey.key, toRlmLead(ic.lead, locationName), key),
        );
        if (!created.ok) return errorState(state, "Error with RLM lead endpoint", await now(), created.details);

        const data: RlmData = {
            LeadId: created.value.leadId,
            ...(created.value.leadUuid ? { LeadUUID: created.value.leadUuid } : {}),
            LocationName: locationName,
            SyncedMessageIds: [],
            SentBotpressSummary: false,
        };
        return this.copy(syncedState(data, created.at), data, ic);
    }

    async sync(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const data = RlmData.safeParse(state.Data);
        if (!data.success) throw new Error("RLM state has no RLM lead to sync (Data is missing or malformed)");
        return this.copy(state, data.data, ic);
    }

    /** Copies what the thread gained since the last sync, then CLOSED; a failed copy stays ERROR (a close retries it). */
    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const data = RlmData.safeParse(state.Data);
        if (!data.success) return closedState(state, journaledClock(ic.ctx));
        const copied = await this.copy(state, data.data, ic);
        return copied.SyncStatus === "ERROR" ? copied : { ...copied, SyncStatus: "CLOSED" };
    }

    private async copy(state: IntegrationState, data: RlmData, ic: Ic): Promise<IntegrationState> {
        const leadUuid = data.LeadUUID;
        if (!leadUuid) {
            const message = `RLM lead ${data.LeadId} has no UUID, so notes cannot be posted to it`;
            return errorState(state, message, await ic.ctx.date.toJSON(), undefined, data);
        }
        const target: CopyTarget = {
            vendor: "RLM",
            endpoint: "RLM note endpoint",
            item: "note",
            postSummary: (summary, key) =>
                this.deps.rlm.postNote(toRlmSummaryNote(leadUuid, summary, new Date().toISOString()), key),
            postMessage: (message, sender, key) => this.deps.rlm.postNote(toRlmNote(leadUuid, message, sender), key),
        };
        return copyConversation(state, data, ic, target, this.deps.messages);
    }

    /** The RLM key of the lead's retailer (`RLM_API_KEY_OVERRIDE` wins), or why there is none. */
    private async retailerApiKey(ic: Ic): Promise<{ key: string } | { problem: string; details?: unknown }> {
        if (this.deps.apiKeyOverride) return { key: this.deps.apiKeyOverride };
        const retailerId = ic.lead.UniversalRetailerId;
        const found = await leadDirectory(ic, this.deps.directory);
        if (!found.ok) return { problem: `Error reading retailer '${retailerId}' from Nexus`, details: found.details };
        const retailer = found.value.retailer;
        if (!retailer) return { problem: `Retailer '${retailerId}' does not exist in Nexus` };
        const key = retailer.rlm_api_key?.trim();
        return key ? { key } : { problem: "RLM API Key is missing" };
    }

    /** The store's RLM location name from the mapping; the default when the store or mapping is unavailable. */
    private async locationName(ic: Ic): Promise<string> {
        const directory = await leadDirectory(ic, this.deps.directory);
        if (!directory.ok) return RLM_DEFAULT_LOCATION;
        const storeId = directory.value.location?.universal_id;
        const found = await tryStep(ic.ctx, "Find RLM location name", async () => {
            try {
                return rlmLocationName(await this.deps.rlm.locationMappings(), storeId);
            } catch (error) {
                ic.ctx.console.warn("RLM location mapping unavailable; using the pipeline default", {
                    error: error instanceof Error ? error.message : String(error),
                });
                return RLM_DEFAULT_LOCATION;
            }
        });
        return found.ok ? found.value : RLM_DEFAULT_LOCATION;
    }
}
