/** Message operations: adding one delivers it and tells the conversation's webhooks. */
import type { Cause } from "./cause";
import type { TwilioSandbox } from "./context";
import { changeState, touch } from "./conversations";
import { deliverMessage } from "./delivery";
import { conversationClosed, invalidParameter } from "./errors";
import { messageEvent } from "./events";
import { type Conversation, type MediaItem, type Message, newSid } from "./store";

/** A new message, from the REST API or from a phone (`cause`, which is also its webhook `Source`). */
export interface MessageInput {
    author?: string;
    body?: string;
    attributes?: string;
    media?: Omit<MediaItem, "sid">[];
    cause: Cause;
}

/** Adds a message: reactivates an inactive conversation, delivers it by SMS, fires `onMessageAdded`. */
export function addMessage(sb: TwilioSandbox, c: Conversation, input: MessageInput): Message {
    if (c.state === "closed") throw conversationClosed(c.sid);
    if (!input.body && !input.media?.length) throw invalidParameter("Body or Media is required");
    if (c.state === "inactive") changeState(sb, c, "active", "EVENT", input.cause);
    const author = input.author || "system";
    const now = new Date();
    const message: Message = {
        sid: newSid("IM"),
        conversationSid: c.sid,
        index: c.nextIndex,
        author,
        body: input.body ?? null,
        attributes: input.attributes ?? "{}",
        media: input.media?.length ? input.media.map((item) => ({ ...item, sid: newSid("ME") })) : null,
        participantSid: c.participants.find((p) => p.address === author || p.identity === author)?.sid ?? null,
        source: input.cause.by === "phone" ? "SMS" : "API",
        receipts: [],
        dateCreated: now,
        dateUpdated: now,
    };
    c.nextIndex += 1;
    c.messages.push(message);
    c.dateUpdated = now;
    touch(sb, c);
    deliverMessage(sb, c, message);
    sb.webhooks.emit(c, "onMessageAdded", messageEvent(sb, c, message, "onMessageAdded"), input.cause);
    return message;
}

/** Edits a message and fires `onMessageUpdated`. */
export function updateMessage(
    sb: TwilioSandbox,
    c: Conversation,
    m: Message,
    input: Pick<MessageInput, "author" | "body" | "attributes">,
    cause: Cause,
): void {
    if (c.state === "closed") throw conversationClosed(c.sid);
    if (input.author !== undefined) m.author = input.author;
    if (input.body !== undefined) m.body = input.body;
    if (input.attributes !== undefined) m.attributes = input.attributes;
    m.dateUpdated = new Date();
    sb.webhooks.emit(c, "onMessageUpdated", messageEvent(sb, c, m, "onMessageUpdated"), cause);
}

/** Deletes a message and fires `onMessageRemoved`. */
export function removeMessage(sb: TwilioSandbox, c: Conversation, m: Message, cause: Cause): void {
    c.messages = c.messages.filter((other) => other !== m);
    sb.webhooks.emit(c, "onMessageRemoved", messageEvent(sb, c, m, "onMessageRemoved"), cause);
}
