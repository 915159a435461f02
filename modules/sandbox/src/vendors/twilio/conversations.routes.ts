import { json, type Router } from "../../core/router";
import { byRest } from "./cause";
import type { TwilioSandbox } from "./context";
import { type ConversationInput, createConversation, deleteConversation, updateConversation } from "./conversations";
import { invalidParameter, notFound } from "./errors";
import { type FormFields, jsonAttributes, noContent, param, twilioRoute } from "./http";
import type { Conversation, ConversationState } from "./store";
import { parseTimer } from "./timer-rules";
import { conversationJson, listPage } from "./wire";

/** Base path of the Conversations v1 conversation routes. */
export const CONVERSATIONS = "/conversations/v1/Conversations";

const STATES: readonly string[] = ["active", "inactive", "closed"] satisfies ConversationState[];

function isState(value: string): value is ConversationState {
    return STATES.includes(value);
}

/** A conversation by SID or unique name, or Twilio's 404. */
export function findConversation(sb: TwilioSandbox, sidOrUniqueName: string): Conversation {
    const conversation = sb.store.conversation(sidOrUniqueName);
    if (!conversation) throw notFound(`/v1/Conversations/${sidOrUniqueName}`);
    return conversation;
}

/** The create/update parameters: `FriendlyName`, `UniqueName`, `Attributes`, `State`, `Timers.*`, …. */
function conversationInput(sb: TwilioSandbox, form: FormFields): ConversationInput {
    const state = form.get("State");
    if (state !== undefined && !isState(state)) throw invalidParameter("State must be active, inactive or closed");
    const { fastTimers } = sb.settings.current;
    const inactive = parseTimer("Timers.Inactive", form.get("Timers.Inactive"), fastTimers);
    const closed = parseTimer("Timers.Closed", form.get("Timers.Closed"), fastTimers);
    const input: ConversationInput = {};
    const friendlyName = form.get("FriendlyName");
    const uniqueName = form.get("UniqueName");
    const attributes = form.get("Attributes");
    const messagingServiceSid = form.get("MessagingServiceSid");
    if (friendlyName !== undefined) input.friendlyName = friendlyName;
    if (uniqueName !== undefined) input.uniqueName = uniqueName;
    if (attributes !== undefined) input.attributes = jsonAttributes(attributes, "{}");
    if (messagingServiceSid !== undefined) input.messagingServiceSid = messagingServiceSid;
    if (state !== undefined) input.state = state;
    if (inactive !== undefined || closed !== undefined) {
        input.timers = {
            ...(inactive !== undefined ? { inactive } : {}),
            ...(closed !== undefined ? { closed } : {}),
        };
    }
    return input;
}

/**
 * Conversations v1: create, list, fetch (by SID or unique name), update, delete. Timers below Twilio's
 * minimums are refused (`timer-rules.ts`); update and delete fire webhooks as `restActionsFireWebhooks` says.
 */
export function registerConversationRoutes(router: Router, sb: TwilioSandbox, service: string): void {
    const route = (handler: Parameters<typeof twilioRoute>[1]) => twilioRoute(sb.credentials, handler);

    router.add(
        "POST",
        CONVERSATIONS,
        service,
        route(({ form }) => json(conversationJson(sb.wire, createConversation(sb, conversationInput(sb, form))), 201)),
    );

    router.add(
        "GET",
        CONVERSATIONS,
        service,
        route(({ url }) => {
            const state = url.searchParams.get("State");
            const all = [...sb.store.conversations.values()].filter((c) => !state || c.state === state);
            return json(listPage(sb.wire, url, "conversations", all, (c) => conversationJson(sb.wire, c)));
        }),
    );

    router.add(
        "GET",
        `${CONVERSATIONS}/:sid`,
        service,
        route((input) => json(conversationJson(sb.wire, findConversation(sb, param(input, "sid"))))),
    );

    router.add(
        "POST",
        `${CONVERSATIONS}/:sid`,
        service,
        route((input) => {
            const conversation = findConversation(sb, param(input, "sid"));
            updateConversation(sb, conversation, conversationInput(sb, input.form), byRest(input));
            return json(conversationJson(sb.wire, conversation));
        }),
    );

    router.add(
        "DELETE",
        `${CONVERSATIONS}/:sid`,
        service,
        route((input) => {
            deleteConversation(sb, findConversation(sb, param(input, "sid")), byRest(input));
            return noContent();
        }),
    );
}
