import type * as restate from "@restatedev/restate-sdk";
import { Uuid } from "common";
import { parseOrBadRequest } from "common/restate";
import { parseAttributes } from "../../clients/twilio/conversation-attributes";
import { isSystemMessage, parseMessageAttributes } from "../../clients/twilio/conversation-messages";
import type { ConversationsApi } from "../../clients/twilio/conversations.types";
import { CloseReasons } from "../../integrations/twilio/messages";
import { sendLeadClose, sendLeadSync } from "../internal-calls";
import { journaledStep } from "../journaled-step";
import { requireTwilioSignature } from "./twilio-signature";
import { ConversationEvent, StateUpdatedEvent } from "./webhook-bodies";
import type { WebhookDeps } from "./webhook-deps";

/** The leads of a conversation (`LeadIds` of its attributes, valid lead ids only); none when Twilio no longer has it. */
export async function conversationLeadIds(
    api: Pick<ConversationsApi, "fetchConversation">,
    sid: string,
): Promise<string[]> {
    const conversation = await api.fetchConversation(sid);
    if (!conversation) return [];
    return [...new Set(parseAttributes(conversation.attributes).LeadIds)].filter((id) => Uuid.safeParse(id).success);
}

/**
 * Whether a message event is about one of the product's own messages (greetings, close notices), recognised by
 * their attributes — from the event, or read from the message when the event carries none.
 */
export async function isOwnMessage(
    api: Pick<ConversationsApi, "fetchMessage">,
    event: ConversationEvent,
): Promise<boolean> {
    if (event.Attributes !== undefined)
        return isSystemMessage({ attributes: parseMessageAttributes(event.Attributes) });
    if (!event.MessageSid) return false;
    const message = await api.fetchMessage(event.ConversationSid, event.MessageSid);
    return message !== null && isSystemMessage(message);
}

/**
 * `TwilioWebhooks/sync` (message added, updated or removed): every lead of the conversation syncs — unless the
 * message is the product's own, which never starts a sync (Twilio may fire webhooks for REST-created messages).
 */
export async function onMessageEvent(ctx: restate.Context, form: Record<string, string>, wd: WebhookDeps) {
    requireTwilioSignature(ctx, wd.signing, "sync", form);
    const event = parseOrBadRequest(ConversationEvent, form, "Webhook body");
    const { own, leadIds } = await journaledStep(ctx)("Read conversation leads", async () => {
        if (await isOwnMessage(wd.conversations, event)) return { own: true, leadIds: [] };
        return { own: false, leadIds: await conversationLeadIds(wd.conversations, event.ConversationSid) };
    });
    for (const leadId of leadIds) sendLeadSync(ctx, wd.deps, leadId);
    ctx.console.info("Conversation event: leads to sync", { event: event.EventType, leads: leadIds.length, own });
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
        conversationLeadIds(wd.conversations, event.ConversationSid),
    );
    for (const leadId of leadIds) sendLeadClose(ctx, wd.deps, leadId, CloseReasons.inactivity);
    ctx.console.info("Conversation closed: leads to close", { leads: leadIds.length, reason: event.Reason });
}
