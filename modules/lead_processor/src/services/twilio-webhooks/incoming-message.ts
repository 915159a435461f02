import type * as restate from "@restatedev/restate-sdk";
import { parseOrBadRequest } from "common/restate";
import { TwilioWebhooks } from "../../api";
import { ALL_STATES, findConversations } from "../../clients/twilio/conversation-search";
import { liftOptOut, recordOptOut } from "../../db/opt-out-records";
import { CloseReasons, dealerOptOutWarning } from "../../integrations/twilio/messages";
import { inboundWebhookEvidence } from "../../integrations/twilio/opt-out-signals";
import { journaledStep } from "../journaled-step";
import { expiredThreadReply, type SenderThread, stopPlan, toSenderThread } from "./sender-threads";
import { requireTwilioSignature } from "./twilio-signature";
import { twimlReply } from "./twiml";
import { IncomingMessage } from "./webhook-bodies";
import type { WebhookDeps } from "./webhook-deps";

/**
 * `TwilioWebhooks/onIncomingMessage`, the Messaging Service webhook for texts no open thread took (and for
 * every opt-out keyword): STOP records the opt-out and closes the sender's leads, START lifts it, anything
 * else may get a "thread expired" reply. Answers TwiML.
 */
export async function onIncomingMessage(
    ctx: restate.Context,
    form: Record<string, string>,
    wd: WebhookDeps,
): Promise<string> {
    requireTwilioSignature(ctx, wd.signing, "onIncomingMessage", form);
    const text = parseOrBadRequest(IncomingMessage, form, "Webhook body");
    if (text.OptOutType === "STOP") return onStop(ctx, text, wd);
    if (text.OptOutType === "START") return onStart(ctx, text, wd);
    const threads = await senderThreads(ctx, wd, text.From);
    return twimlReply(expiredThreadReply(text.From, text.To, threads));
}

/** The sender's Web2Text threads in any state on our Messaging Service, most recent first (one step). */
function senderThreads(ctx: restate.Context, wd: WebhookDeps, sender: string): Promise<SenderThread[]> {
    return journaledStep(ctx)("Find sender's conversations", async () => {
        const found = await findConversations(wd.conversations, [sender], {
            states: ALL_STATES,
            messagingServiceSid: wd.messagingServiceSid,
        });
        return found.map(toSenderThread);
    });
}

/**
 * STOP: record (sender, pool number), then close the leads of the sender's open threads in which it is not
 * the store — one at a time, in a separate invocation, so the reply is not held up and leads sharing a
 * thread leave it in turn. A store that texts STOP keeps its leads and gets the opt-out warning.
 */
async function onStop(ctx: restate.Context, text: IncomingMessage, wd: WebhookDeps) {
    const entry = { DateOptedOut: await ctx.date.toJSON(), OptOutRequest: inboundWebhookEvidence(text.MessageSid) };
    await journaledStep(ctx)("Add opted-out number", () => recordOptOut(wd.optOuts, text.From, text.To, entry));
    const plan = stopPlan(text.From, await senderThreads(ctx, wd, text.From));
    if (plan.leadIds.length > 0) {
        ctx.serviceSendClient(TwilioWebhooks).closeLeads({
            LeadIds: plan.leadIds,
            Reason: CloseReasons.participantOptedOut,
        });
    }
    ctx.console.info("Opt-out recorded", { leadsToClose: plan.leadIds.length, dealer: plan.senderIsStore });
    return twimlReply(plan.senderIsStore ? dealerOptOutWarning() : undefined);
}

/** START: remove only the (sender, pool number) pair; the item goes when no pair is left. */
async function onStart(ctx: restate.Context, text: IncomingMessage, wd: WebhookDeps) {
    await journaledStep(ctx)("Handle opt-in message", () => liftOptOut(wd.optOuts, text.From, text.To));
    return twimlReply();
}
