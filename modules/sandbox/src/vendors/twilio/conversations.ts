/** Conversation operations shared by the REST routes, the phone simulator and the timers. */
import { BY_TIMER, type Cause } from "./cause";
import type { TwilioSandbox } from "./context";
import { conversationClosed, TwilioError } from "./errors";
import { conversationEvent, type StateChangeReason, stateEvent } from "./events";
import { type Conversation, type ConversationState, type ConversationTimers, newSid } from "./store";
import { nextTransition } from "./timers";

/** Create/update parameters, already validated. */
export interface ConversationInput {
    friendlyName?: string;
    uniqueName?: string;
    attributes?: string;
    messagingServiceSid?: string;
    state?: ConversationState;
    /** A timer set to null is removed. */
    timers?: { [K in keyof ConversationTimers]?: ConversationTimers[K] | null };
}

const uniqueNameTaken = (name: string) =>
    new TwilioError(409, 50353, `Conversation with provided unique name '${name}' already exists`);

function applyTimers(c: Conversation, timers: NonNullable<ConversationInput["timers"]>): void {
    for (const key of ["inactive", "closed"] as const) {
        const value = timers[key];
        if (value === null) delete c.timers[key];
        else if (value !== undefined) c.timers[key] = value;
    }
    c.activityAt = Date.now();
}

/** Creates a conversation (unique names are unique: 409 / 50353) and arms its timers. */
export function createConversation(sb: TwilioSandbox, input: ConversationInput): Conversation {
    if (input.uniqueName && sb.store.byUniqueName(input.uniqueName)) throw uniqueNameTaken(input.uniqueName);
    const now = new Date();
    const conversation: Conversation = {
        sid: newSid("CH"),
        uniqueName: input.uniqueName ?? null,
        friendlyName: input.friendlyName ?? null,
        attributes: input.attributes ?? "{}",
        messagingServiceSid: input.messagingServiceSid ?? sb.wire.messagingServiceSid,
        state: input.state ?? "active",
        timers: {},
        activityAt: now.getTime(),
        participants: [],
        messages: [],
        webhooks: [],
        nextIndex: 0,
        dateCreated: now,
        dateUpdated: now,
    };
    if (input.timers) applyTimers(conversation, input.timers);
    sb.store.conversations.set(conversation.sid, conversation);
    sb.timers.schedule(conversation);
    return conversation;
}

/** Updates a conversation; a state change fires `onConversationStateUpdated` (Reason `API`). */
export function updateConversation(sb: TwilioSandbox, c: Conversation, input: ConversationInput, cause: Cause): void {
    if (c.state === "closed") throw conversationClosed(c.sid);
    if (input.uniqueName !== undefined && input.uniqueName !== c.uniqueName) {
        if (sb.store.byUniqueName(input.uniqueName)) throw uniqueNameTaken(input.uniqueName);
        c.uniqueName = input.uniqueName;
    }
    if (input.friendlyName !== undefined) c.friendlyName = input.friendlyName;
    if (input.attributes !== undefined) c.attributes = input.attributes;
    if (input.messagingServiceSid !== undefined) c.messagingServiceSid = input.messagingServiceSid;
    if (input.timers) applyTimers(c, input.timers);
    c.dateUpdated = new Date();
    if (input.state !== undefined && input.state !== c.state) changeState(sb, c, input.state, "API", cause);
    else sb.timers.schedule(c);
    sb.webhooks.emit(c, "onConversationUpdated", conversationEvent(sb, c, "onConversationUpdated"), cause);
}

/** Moves a conversation to another state and tells its `onConversationStateUpdated` webhooks. */
export function changeState(
    sb: TwilioSandbox,
    c: Conversation,
    to: ConversationState,
    reason: StateChangeReason,
    cause: Cause,
): void {
    const from = c.state;
    if (from === to) return;
    c.state = to;
    c.dateUpdated = new Date();
    if (to === "active") c.activityAt = Date.now();
    sb.timers.schedule(c);
    sb.webhooks.emit(c, "onConversationStateUpdated", stateEvent(sb, c, from, reason), cause);
}

/** Deletes a conversation with everything in it, releasing its bindings. */
export function deleteConversation(sb: TwilioSandbox, c: Conversation, cause: Cause): void {
    sb.store.conversations.delete(c.sid);
    sb.timers.cancel(c.sid);
    sb.webhooks.emit(c, "onConversationRemoved", conversationEvent(sb, c, "onConversationRemoved"), cause);
}

/** Restarts the inactivity count (a message arrived). */
export function touch(sb: TwilioSandbox, c: Conversation): void {
    c.activityAt = Date.now();
    sb.timers.schedule(c);
}

/** Applies a timer transition that has come due (the scheduler calls this). */
export function onTimerDue(sb: TwilioSandbox, conversationSid: string): void {
    const c = sb.store.conversations.get(conversationSid);
    if (!c) return;
    const next = nextTransition(c);
    if (!next) return;
    if (next.at > Date.now()) sb.timers.schedule(c);
    else changeState(sb, c, next.to, "TIMER", BY_TIMER);
}
