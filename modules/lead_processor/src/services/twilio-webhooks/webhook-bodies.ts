import { E164 } from "common";
import { z } from "zod";

const sid = (prefix: string) =>
    z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a Twilio ${prefix} SID`);

/** Form body of a conversation post-event webhook (message events → `sync`). Unknown fields are kept. */
export const ConversationEvent = z.looseObject({
    ConversationSid: sid("CH"),
    EventType: z.string().optional(),
    /** The conversation's attributes (JSON string), sent with conversation events. */
    Attributes: z.string().optional(),
});
export type ConversationEvent = z.output<typeof ConversationEvent>;

/** Form body of `onConversationStateUpdated` (→ `close`). */
export const StateUpdatedEvent = ConversationEvent.extend({
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
