import { maskPhone } from "common";
import type { ConversationState } from "common/twilio-proxy";
import { attributesJson, type ConversationAttributes } from "../../clients/twilio/conversation-attributes";
import { findConversations, OPEN_STATES } from "../../clients/twilio/conversation-search";
import type { ConversationsApi } from "../../clients/twilio/conversations.types";
import type { SessionCreator } from "../../clients/twilio/twilio-proxy.client";
import { joinConversation } from "./conversation-membership";

/** Everything needed to find or open the thread between a customer and a store for one lead. */
export interface ConversationPlan {
    leadId: string;
    customerPhone: string;
    storePhone: string;
    messagingServiceSid: string;
    friendlyName: string;
    /** Attributes of a new conversation (`LeadIds` holds this lead). */
    attributes: ConversationAttributes;
    timers: { inactive?: string | undefined; closed?: string | undefined };
}

/** The thread a lead ended up in, with the pool numbers each side sees. */
export interface OpenedConversation {
    sid: string;
    state: ConversationState;
    /** True when an open thread between the two numbers already existed and the lead joined it. */
    joined: boolean;
    customerProxyNumber: string | null;
    storeProxyNumber: string | null;
}

/** The proxy's idempotency key for a lead's conversation: a retried request never opens a second one. */
export function sessionUniqueName(leadId: string): string {
    return `web2text-${leadId}`;
}

/** Friendly name: dealer, location, and the customer's number masked (Twilio shows it in its console). */
export function conversationFriendlyName(dealerName: string, locationName: string, customerPhone: string): string {
    return [dealerName, locationName, `Web2Text Lead with ${maskPhone(customerPhone)}`].join("\n").slice(0, 256);
}

type Api = Pick<ConversationsApi, "conversationsOf" | "fetchConversation" | "updateConversation" | "listParticipants">;

/**
 * Finds the open (active or inactive) conversation on our Messaging Service holding both numbers, most
 * recently updated first, and joins it (adds the lead to `LeadIds`, reactivates it); otherwise opens one
 * through the proxy keyed by the lead. Every part is safe to repeat, so the step running it may be retried.
 */
export async function openConversation(
    api: Api,
    proxy: SessionCreator,
    plan: ConversationPlan,
): Promise<OpenedConversation> {
    const found = await findConversations(api, [plan.customerPhone, plan.storePhone], {
        states: OPEN_STATES,
        messagingServiceSid: plan.messagingServiceSid,
    });
    for (const candidate of found) {
        const joined = await joinConversation(api, candidate.sid, plan.leadId);
        if (!joined || joined.state === "closed") continue;
        const participants = await api.listParticipants(candidate.sid);
        return { sid: joined.sid, state: joined.state, joined: true, ...proxyNumbers(participants, plan) };
    }
    const session = await proxy.createSession({
        addresses: [plan.customerPhone, plan.storePhone],
        uniqueName: sessionUniqueName(plan.leadId),
        friendlyName: plan.friendlyName,
        attributes: attributesJson(plan.attributes),
        messagingServiceSid: plan.messagingServiceSid,
        timers: {
            ...(plan.timers.inactive ? { inactive: plan.timers.inactive } : {}),
            ...(plan.timers.closed ? { closed: plan.timers.closed } : {}),
        },
    });
    return { sid: session.sid, state: session.state, joined: false, ...proxyNumbers(session.participants, plan) };
}

function proxyNumbers(
    participants: readonly { address: string | null; proxyAddress: string | null }[],
    plan: Pick<ConversationPlan, "customerPhone" | "storePhone">,
): Pick<OpenedConversation, "customerProxyNumber" | "storeProxyNumber"> {
    const proxyOf = (address: string) => participants.find((p) => p.address === address)?.proxyAddress ?? null;
    return { customerProxyNumber: proxyOf(plan.customerPhone), storeProxyNumber: proxyOf(plan.storePhone) };
}
