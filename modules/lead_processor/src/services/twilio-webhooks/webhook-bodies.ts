import { E164 } from "common";
import { z } from "zod";

const sid = (prefix: string) =>
    z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix} SID`);

/** The fields every conversation post-event webhook carries. Unknown fields are kept. */
const ConversationEventBase = z.looseObject({
    ConversationSid: sid("CH"),
    EventType: z.string().optional(),
});

/** Form body of a message event (onMessageAdded, onMessageUpdated, onMessageRemoved → `sync`). */
export const ConversationEvent = ConversationEventBase.extend({
    MessageSid: sid("IM").optional(),
    /** The message's attributes (JSON string): the product's own messages carry `{"SystemMessage": true}`. */
    Attributes: z.string().optional(),
});
export type ConversationEvent = z.output<typeof ConversationEvent>;

/**
 * Form body of `onConversationStateUpdated` (→ `close`). Twilio sends no `Attributes` with it: the leads are
 * read from the conversation (a deleted one has none; the leads' reconciliation closes them).
 */
export const StateUpdatedEvent = ConversationEventBase.extend({
    StateTo: z.enum(["active", "inactive", "closed"]),
    StateFrom: z.string().optional(),
    Reason: z.string().optional(),
});
export type StateUpdatedEvent = z.output<typeof StateUpdatedEvent>;

/** Form body of the Messaging Service's incoming-message webhook (→ `onIncomingMessage`). */
export const IncomingMessage = z.looseObject({
    From: E164,
    To: E164,
    Body: z.string().default(""),
    MessageSid: z.string().optional(),
    /** Set by Twilio's opt-out handling for keyword texts; an unknown value reads as an ordinary message. */
    OptOutType: z.enum(["STOP", "START", "HELP"]).optional().catch(undefined),
});
export type IncomingMessage = z.output<typeof IncomingMessage>;
