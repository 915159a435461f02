import type * as restate from "@restatedev/restate-sdk";
import { Uuid } from "common";
import { parseOrBadRequest } from "common/restate";
import { parseAttributes } from "../../clients/twilio/conversation-attributes";
import type { ConversationsApi } from "../../clients/twilio/conversations.types";
import { CloseReasons } from "../../integrations/twilio/messages";
import { sendLeadClose, sendLeadSync } from "../internal-calls";
import { journaledStep } from "../journaled-step";
import { requireTwilioSignature } from "./twilio-signature";
import { ConversationEvent, StateUpdatedEvent } from "./webhook-bodies";
import type { WebhookDeps } from "./webhook-deps";

/**
 * The leads of a conversation (`LeadIds` of its attributes, valid lead ids only). When Twilio no longer has
 * the conversation, the attributes the event carried are used.
 */
export async function conversationLeadIds(
    api: Pick<ConversationsApi, "fetchConversation">,
    sid: string,
    eventAttributes: string | undefined,
): Promise<string[]> {
    const conversation = await api.fetchConversation(sid);
    const attrs = parseAttributes(conversation ? conversation.attributes : eventAttributes);
    return [...new Set(attrs.LeadIds)].filter((id) => Uuid.safeParse(id).success);
}

/** `TwilioWebhooks/sync` (message added, updated or removed): every lead of the conversation syncs. */
export async function onMessageEvent(ctx: restate.Context, form: Record<string, string>, wd: WebhookDeps) {
    requireTwilioSignature(ctx, wd.signing, "sync", form);
    const event = parseOrBadRequest(ConversationEvent, form, "Webhook body");
    const leadIds = await journaledStep(ctx)("Read conversation leads", () =>
        conversationLeadIds(wd.conversations, event.ConversationSid, event.Attributes),
    );
    for (const leadId of leadIds) sendLeadSync(ctx, wd.deps, leadId);
    ctx.console.info("Conversation event: leads to sync", { event: event.EventType, leads: leadIds.length });
}

/**
 * `TwilioWebhooks/close` (conversation state updated): only a move to `closed` closes the conversation's
 * leads, with reason "Inactivity" (the old system also closed them on active → inactive — a quirk).
 */
export async function onStateUpdated(ctx: restate.Context, form: Record<string, string>, wd: WebhookDeps) {
    requireTwilioSignature(ctx, wd.signing, "close", form);
    const event = parseOrBadRequest(StateUpdatedEvent, form, "Webhook body");
    if (event.StateTo !== "closed") return;
    const leadIds = await journaledStep(ctx)("Read conversation leads", () =>
        conversationLeadIds(wd.conversations, event.ConversationSid, event.Attributes),
    );
    for (const leadId of leadIds) sendLeadClose(ctx, wd.deps, leadId, CloseReasons.inactivity);
    ctx.console.info("Conversation closed: leads to close", { leads: leadIds.length, reason: event.Reason });
}
