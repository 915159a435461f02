import type * as restate from "@restatedev/restate-sdk";
import { toE164 } from "common";
import type { ConversationsApi } from "../../clients/twilio/conversations.types";
import { OPTED_OUT_ERROR } from "../../clients/twilio/opt-out-keywords";
import type { SessionCreator } from "../../clients/twilio/twilio-proxy.client";
import type { OptOutStore } from "../../db/opt-out-records";
import type { OptOutRegistry } from "../../db/opted-out-numbers.table";
import type { IntegrationState } from "../../lead/lead-schemas";
import { type ArrivalHours, arrivalHours } from "../../lead/store-hours/arrival-hours";
import type { Web2TextSubmittedLead } from "../../lead/types/web2text/web2text.schema";
import type { Integration, IntegrationContext } from "../integration";
import { closedState, errorState, journaledClock, syncedState } from "../shared/integration-states";
import { leadDirectory } from "../shared/lead-directory";
import type { RetailerDirectory } from "../shared/retailer-directory";
import { type StepOutcome, tryStep } from "../shared/try-step";
import { CLOSE_NOTICE_POLLING, type CloseNoticeDelivery, checkDelivery, type DeliveryPolling } from "./close-notice";
import { closeConversation, leaveConversation } from "./conversation-membership";
import { conversationPlan, greetings, type TwilioSettings } from "./conversation-plan";
import { conversationWebhooks, ensureWebhooks } from "./conversation-webhooks";
import { type DealerInfo, dealerInfo } from "./dealer-info";
import { dealerThreadExpired } from "./messages";
import { type ConversationPlan, openConversation } from "./open-conversation";
import { recordSignals, refusedSendEvidence } from "./opt-out-signals";
import { type CustomerOptOut, syncCloseReason } from "./sync-decision";
import { sendOnce } from "./system-messages";
import { readThread, type ThreadReading } from "./thread-reading";
import { TwilioData } from "./twilio.data";

type Ic = IntegrationContext<Web2TextSubmittedLead>;

/** The chat identity added to every thread (the product's own seat in the conversation). */
export const CHAT_IDENTITY = "Broadlume";

/** What the Twilio integration needs from the composition root. */
export interface TwilioIntegrationDeps {
    conversations: ConversationsApi;
    proxy: SessionCreator;
    /** Nexus: the dealer's name and site, the store's name and Web2Text number (read only when the lead kept none). */
    directory: RetailerDirectory;
    /** The opted-out numbers: read by the sync, written when the thread shows a STOP, a START or a 21610. */
    optOuts: OptOutRegistry & OptOutStore;
    settings: TwilioSettings;
    /** How the close notice's delivery is re-read (default: up to 10 reads, 1 s apart). */
    deliveryPolling?: DeliveryPolling;
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
        const now = journaledClock(ic.ctx);
        const prepared = await this.prepare(ic);
        if ("problem" in prepared) return errorState(state, prepared.problem, await now(), prepared.details);
        const { plan, dealer, arrival } = prepared;
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
        let at = opened.at;
        for (const step of this.setupSteps(ic, plan, greetings(ic.lead, dealer, arrival), data.ConversationSID)) {
            const done: StepOutcome<unknown> = await tryStep(ic.ctx, step.name, step.run);
            if (!done.ok) return errorState(state, step.failure, await now(), done.details, data);
            at = done.at;
        }
        return syncedState(data, at);
    }

    async sync(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const parsed = TwilioData.safeParse(state.Data);
        if (!parsed.success) throw new Error("Twilio state has no ConversationSID to sync");
        const data = parsed.data;
        const now = journaledClock(ic.ctx);
        const read = await tryStep(ic.ctx, "Fetch Web2Text conversation", () =>
            readThread(this.deps.conversations, data.ConversationSID),
        );
        if (!read.ok) return errorState(state, "Error fetching the Twilio conversation", await now(), read.details);
        if (read.value) ic.shared.messages.set(data.ConversationSID, { messages: read.value.messages, at: read.at });
        const optOut = await this.customerOptOut(ic, read.value);
        if ("problem" in optOut) return errorState(state, optOut.problem, await now(), optOut.details);
        const reason = syncCloseReason(read.value, optOut.value);
        if (reason) this.deps.closeLead(ic.ctx, ic.lead.LeadId, reason);
        return syncedState({ ...data, ConversationStatus: read.value?.state ?? "closed" }, optOut.at);
    }

    async close(state: IntegrationState, ic: Ic): Promise<IntegrationState> {
        const now = journaledClock(ic.ctx);
        const parsed = TwilioData.safeParse(state.Data);
        if (!parsed.success) return closedState(state, now);
        const data = parsed.data;
        const sid = data.ConversationSID;
        const left = await tryStep(ic.ctx, "Leave Web2Text conversation", () =>
            leaveConversation(this.deps.conversations, sid, ic.lead.LeadId),
        );
        if (!left.ok) return errorState(state, "Error leaving the Twilio conversation", await now(), left.details);
        let notice: CloseNoticeDelivery | undefined;
        let at = left.at;
        if (left.value.kind === "last") {
            const closed = await this.closeThread(ic, sid);
            if ("failure" in closed) return errorState(state, closed.failure, await now(), closed.details);
            notice = closed.notice;
            at = closed.at;
        }
        const status = left.value.kind === "shared" ? left.value.state : "closed";
        const CloseNotice = notice && {
            MessageSid: notice.MessageSid,
            Delivery: notice.Delivery,
            ErrorCode: notice.ErrorCode,
        };
        return {
            SyncStatus: "CLOSED",
            Data: { ...data, ConversationStatus: status, ...(CloseNotice ? { CloseNotice } : {}) },
            LastSynced: at,
        };
    }

    /**
     * Records the opt-outs and opt-ins the thread shows (one step, only when it shows any), then says whether
     * the customer opted out: in this thread, or as the opted-out numbers have it. A dealer's STOP is recorded
     * and its leads stay open, as on the inbound webhook.
     */
    private async customerOptOut(
        ic: Ic,
        thread: ThreadReading | null,
    ): Promise<{ value: CustomerOptOut; at: string } | { problem: string; details: unknown }> {
        const signals = thread?.signals ?? [];
        const customer = ic.lead.Lead.PhoneNumber;
        if (signals.length > 0) {
            const recorded = await tryStep(ic.ctx, "Record opt-outs seen in the thread", () =>
                recordSignals(this.deps.optOuts, signals),
            );
            if (!recorded.ok)
                return { problem: "Error recording the opt-outs seen in the thread", details: recorded.details };
            for (const signal of signals.filter((s) => s.address !== customer && s.keyword === "STOP")) {
                ic.ctx.console.warn("The dealer opted out inside the thread; its leads stay open", {
                    leadId: ic.lead.LeadId,
                    evidence: signal.evidence,
                });
            }
            if (signals.some((s) => s.address === customer && s.keyword === "STOP")) {
                return { value: "in-thread", at: recorded.at };
            }
        }
        const optedOut = await tryStep(ic.ctx, "Check customer opt-out", () => this.deps.optOuts.isOptedOut(customer));
        if (!optedOut.ok) return { problem: "Error reading the opted-out numbers", details: optedOut.details };
        return { value: optedOut.value ? "recorded" : undefined, at: optedOut.at };
    }

    /**
     * Nexus facts (kept by the create, else journaled), the store number in E.164, the plan of the thread, and
     * whether the store was open when the lead arrived (its journaled `DateSubmitted`: the same on every replay).
     */
    private async prepare(
        ic: Ic,
    ): Promise<
        { plan: ConversationPlan; dealer: DealerInfo; arrival: ArrivalHours } | { problem: string; details?: unknown }
    > {
        const { lead } = ic;
        const read = await leadDirectory(ic, this.deps.directory);
        if (!read.ok) return { problem: "Error reading the store and retailer from Nexus", details: read.details };
        const dealer = dealerInfo(read.value, lead.UniversalRetailerId, lead.Lead.LocationId);
        if ("problem" in dealer) return dealer;
        const storePhone = dealer.web2TextNumber ? toE164(dealer.web2TextNumber) : undefined;
        if (!storePhone)
            return { problem: `Location's phone number cannot be parsed: '${dealer.web2TextNumber ?? ""}'` };
        const arrival = arrivalHours(read.value.hours, lead.DateSubmitted);
        if (arrival.kind === "unknown") {
            ic.ctx.console.info("Store hours unknown; the greeting names no opening", {
                leadId: lead.LeadId,
                reason: arrival.reason,
            });
        }
        return { plan: conversationPlan(lead, dealer, storePhone, this.deps.settings), dealer, arrival };
    }

    /** After the thread is open: the chat seat, the webhooks, then one greeting to each side. */
    private setupSteps(
        ic: Ic,
        plan: ConversationPlan,
        texts: { dealer: string; customer: string },
        sid: string,
    ): SetupStep[] {
        const api = this.deps.conversations;
        const { LeadId } = ic.lead;
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

    /**
     * The last lead left: tell the dealer why (once per thread), check that notice's delivery (bounded re-reads;
     * a failure is kept and logged, and a 21610 records the dealer's opt-out), then close the thread.
     */
    private async closeThread(
        ic: Ic,
        sid: string,
    ): Promise<{ notice: CloseNoticeDelivery; at: string } | { failure: string; details: unknown }> {
        const api = this.deps.conversations;
        const { lead } = ic;
        const body = dealerThreadExpired({ customerName: lead.Lead.Name, reason: lead.CloseReason });
        const sent = await tryStep(ic.ctx, "Send dealer close message", () =>
            // Authored by the customer's number, so Twilio delivers it to the store only.
            sendOnce(api, sid, { kind: "DealerClose", leadId: lead.LeadId, author: lead.Lead.PhoneNumber, body }),
        );
        if (!sent.ok) return { failure: "Error sending the dealer close message", details: sent.details };
        const notice = await this.noticeDelivery(ic, sid, sent.value.messageSid);
        const closed = await tryStep(ic.ctx, "Close Web2Text conversation", () => closeConversation(api, sid));
        if (!closed.ok) return { failure: "Error closing the Twilio conversation", details: closed.details };
        return { notice, at: closed.at };
    }

    /** The close notice's delivery; a failed check is kept as `unknown` rather than holding up the close. */
    private async noticeDelivery(ic: Ic, sid: string, messageSid: string): Promise<CloseNoticeDelivery> {
        const polling = this.deps.deliveryPolling ?? CLOSE_NOTICE_POLLING;
        const checked = await tryStep(ic.ctx, "Check dealer close message delivery", () =>
            checkDelivery(this.deps.conversations, sid, messageSid, polling),
        );
        const notice: CloseNoticeDelivery = checked.ok
            ? checked.value
            : { MessageSid: messageSid, Delivery: "unknown", ErrorCode: null };
        if (notice.Delivery === "delivered" || notice.Delivery === "read") return notice;
        ic.ctx.console.warn("The dealer's close notice was not delivered", {
            leadId: ic.lead.LeadId,
            messageSid,
            delivery: notice.Delivery,
            errorCode: notice.ErrorCode,
            ...(checked.ok ? {} : { error: checked.details.message }),
        });
        const recipient = notice.Recipient;
        if (notice.ErrorCode === OPTED_OUT_ERROR && recipient) {
            const refused = {
                address: recipient.Address,
                poolNumber: recipient.PoolNumber,
                keyword: "STOP" as const,
                evidence: refusedSendEvidence(sid, messageSid),
            };
            const recorded = await tryStep(ic.ctx, "Record dealer opt-out", () =>
                recordSignals(this.deps.optOuts, [refused]),
            );
            if (!recorded.ok)
                ic.ctx.console.warn("The dealer's opt-out could not be recorded", { leadId: ic.lead.LeadId });
        }
        return notice;
    }
}
