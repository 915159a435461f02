import type * as restate from "@restatedev/restate-sdk";
import { toE164 } from "common";
import type { NexusDirectory } from "../../clients/nexus/nexus.client";
import type { ConversationsApi } from "../../clients/twilio/conversations.types";
import type { SessionCreator } from "../../clients/twilio/twilio-proxy.client";
import type { OptOutRegistry } from "../../db/opted-out-numbers.table";
import type { IntegrationState } from "../../lead/lead-schemas";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import type { Integration, IntegrationContext } from "../integration";
import { closedState, errorState, syncedState } from "../shared/integration-states";
import { type StepOutcome, tryStep } from "../shared/try-step";
import { closeConversation, leaveConversation } from "./conversation-membership";
import { conversationPlan, greetings, type TwilioSettings } from "./conversation-plan";
import { conversationWebhooks, ensureWebhooks } from "./conversation-webhooks";
import { type DealerInfo, readDealerInfo } from "./dealer-info";
import { dealerThreadExpired } from "./messages";
import { type ConversationPlan, openConversation } from "./open-conversation";
import { conversationHealth, syncCloseReason } from "./sync-decision";
import { sendOnce } from "./system-messages";
import { TwilioData } from "./twilio.data";

type Ic = IntegrationContext<Web2TextSubmittedLead>;

/** The chat identity added to every thread (the product's own seat in the conversation). */
export const CHAT_IDENTITY = "Broadlume";

/** What the Twilio integration needs from the composition root. */
export interface TwilioIntegrationDeps {
    conversations: ConversationsApi;
    proxy: SessionCreator;
    directory: Pick<NexusDirectory, "getRetailer" | "getLocation">;
    optOuts: OptOutRegistry;
    settings: TwilioSettings;
    /** Schedules a one-way `Lead/{id}/close` (it runs after the current sync, as the lead is exclusive). */
    closeLead(ctx: restate.ObjectContext, leadId: string, reason: string): void;
}

/** A setup step of `create` after the conversation is open; the first failure makes the state ERROR. */
interface SetupStep {
    name: string;
    failure: string;
    run: () => Promise<unknown>;
}

/**
 * Twilio Conversations for WEB2TEXT leads. Create finds or opens the masked thread between the customer and
 * the store, registers its webhooks and greets both sides; sync closes the lead when the thread is gone or
 * closed, has one SMS participant left, or the customer opted out; close takes the lead out of the thread and
 * closes the thread (after telling the dealer why) when it was the last lead in it. Every remote effect is one
 * journaled step that is safe to repeat, so a crash or retry never opens a second thread or sends a message
 * twice.
 */
export class TwilioIntegration implements Integration<Web2TextSubmittedLead> {
    readonly name = "Twilio";

    constructor(private readonly deps: TwilioIntegrationDeps) {}

    async shouldRun(): Promise<boolean> {
        return true;
    }

    async create(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = () => ic.ctx.date.toJSON();
        const prepared = await this.prepare(ic);
        if ("problem" in prepared) return errorState(state, prepared.problem, await now(), prepared.details);
        const { plan, dealer } = prepared;
        const opened = await tryStep(ic.ctx, "Open Web2Text conversation", () =>
            openConversation(this.deps.conversations, this.deps.proxy, plan),
        );
        if (!opened.ok) return errorState(state, "Error opening the Twilio conversation", await now(), opened.details);
        const data: TwilioData = {
            ConversationSID: opened.value.sid,
            ConversationStatus: opened.value.state,
            StorePhoneNumber: plan.storePhone,
            CustomerProxyNumber: opened.value.customerProxyNumber,
            StoreProxyNumber: opened.value.storeProxyNumber,
        };
        for (const step of this.setupSteps(ic, plan, dealer, data.ConversationSID)) {
            const done: StepOutcome<unknown> = await tryStep(ic.ctx, step.name, step.run);
            if (!done.ok) return errorState(state, step.failure, await now(), done.details, data);
        }
        return syncedState(data, await now());
    }

    async sync(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const parsed = TwilioData.safeParse(state.Data);
        if (!parsed.success) throw new Error("Twilio state has no ConversationSID to sync");
        const data = parsed.data;
        const now = () => ic.ctx.date.toJSON();
        const health = await tryStep(ic.ctx, "Fetch Web2Text conversation", () =>
            conversationHealth(this.deps.conversations, data.ConversationSID),
        );
        if (!health.ok) return errorState(state, "Error fetching the Twilio conversation", await now(), health.details);
        const optedOut = await tryStep(ic.ctx, "Check customer opt-out", () =>
            this.deps.optOuts.isOptedOut(ic.lead.Lead.PhoneNumber),
        );
        if (!optedOut.ok)
            return errorState(state, "Error reading the opted-out numbers", await now(), optedOut.details);
        const reason = syncCloseReason(health.value, optedOut.value);
        if (reason) this.deps.closeLead(ic.ctx, ic.lead.LeadId, reason);
        return syncedState({ ...data, ConversationStatus: health.value?.state ?? "closed" }, await now());
    }

    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = () => ic.ctx.date.toJSON();
        const parsed = TwilioData.safeParse(state.Data);
        if (!parsed.success) return closedState(state, await now());
        const data = parsed.data;
        const sid = data.ConversationSID;
        const left = await tryStep(ic.ctx, "Leave Web2Text conversation", () =>
            leaveConversation(this.deps.conversations, sid, ic.lead.LeadId),
        );
        if (!left.ok) return errorState(state, "Error leaving the Twilio conversation", await now(), left.details);
        if (left.value.kind === "last") {
            const failed = await this.closeThread(ic, sid);
            if (failed) return errorState(state, failed.message, await now(), failed.details);
        }
        const status = left.value.kind === "shared" ? left.value.state : "closed";
        return { SyncStatus: "CLOSED", Data: { ...data, ConversationStatus: status }, LastSynced: await now() };
    }

    /** Nexus facts (journaled), the store number in E.164 and the plan of the thread. */
    private async prepare(
        ic: Ic,
    ): Promise<{ plan: ConversationPlan; dealer: DealerInfo } | { problem: string; details?: unknown }> {
        const { lead } = ic;
        const read = await tryStep(ic.ctx, "Fetch Nexus store and retailer for Twilio", () =>
            readDealerInfo(this.deps.directory, lead.UniversalRetailerId, lead.Lead.LocationId),
        );
        if (!read.ok) return { problem: "Error reading the store and retailer from Nexus", details: read.details };
        if ("problem" in read.value) return read.value;
        const dealer = read.value;
        const storePhone = dealer.web2TextNumber ? toE164(dealer.web2TextNumber) : undefined;
        if (!storePhone)
            return { problem: `Location's phone number cannot be parsed: '${dealer.web2TextNumber ?? ""}'` };
        return { plan: conversationPlan(lead, dealer, storePhone, this.deps.settings), dealer };
    }

    /** After the thread is open: the chat seat, the webhooks, then one greeting to each side. */
    private setupSteps(ic: Ic, plan: ConversationPlan, dealer: DealerInfo, sid: string): SetupStep[] {
        const api = this.deps.conversations;
        const { LeadId } = ic.lead;
        const texts = greetings(ic.lead, dealer);
        return [
            {
                name: "Add Broadlume chat participant",
                failure: "Error adding the Broadlume participant to the Twilio conversation",
                run: () => api.addChatParticipant(sid, CHAT_IDENTITY),
            },
            {
                name: "Register conversation webhooks",
                failure: "Error registering the Twilio conversation webhooks",
                run: () => ensureWebhooks(api, sid, conversationWebhooks(this.deps.settings.publicIngressUrl)),
            },
            {
                name: "Send dealer greeting",
                failure: "Error sending the dealer greeting",
                // Authored by the customer's number, so Twilio delivers it to the store only.
                run: () =>
                    sendOnce(api, sid, {
                        kind: "DealerGreeting",
                        leadId: LeadId,
                        author: plan.customerPhone,
                        body: texts.dealer,
                    }),
            },
            {
                name: "Send customer greeting",
                failure: "Error sending the customer greeting",
                // Authored by the store's number, so Twilio delivers it to the customer only.
                run: () =>
                    sendOnce(api, sid, {
                        kind: "CustomerGreeting",
                        leadId: LeadId,
                        author: plan.storePhone,
                        body: texts.customer,
                    }),
            },
        ];
    }

    /** The last lead left: tell the dealer why (once per thread), then close the thread. */
    private async closeThread(ic: Ic, sid: string): Promise<{ message: string; details: unknown } | undefined> {
        const api = this.deps.conversations;
        const { lead } = ic;
        const body = dealerThreadExpired({ customerName: lead.Lead.Name, reason: lead.CloseReason });
        const sent = await tryStep(ic.ctx, "Send dealer close message", () =>
            // Authored by the customer's number, so Twilio delivers it to the store only.
            sendOnce(api, sid, { kind: "DealerClose", leadId: lead.LeadId, author: lead.Lead.PhoneNumber, body }),
        );
        if (!sent.ok) return { message: "Error sending the dealer close message", details: sent.details };
        const closed = await tryStep(ic.ctx, "Close Web2Text conversation", () => closeConversation(api, sid));
        if (!closed.ok) return { message: "Error closing the Twilio conversation", details: closed.details };
        return undefined;
    }
}
