import { z } from "zod";
import type { ConversationMessage, MessageMedia } from "./conversations.types";

const TwilioMedia = z.looseObject({ sid: z.string().nullish(), filename: z.string().nullish() });
const Attributes = z.record(z.string(), z.unknown());

/** Parses Twilio's message `attributes` JSON string; anything but an object yields `{}`. */
export function parseMessageAttributes(raw: string | null | undefined): Record<string, unknown> {
    if (!raw) return {};
    try {
        const parsed = Attributes.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : {};
    } catch {
        return {};
    }
}

/** Normalises Twilio's `media` array (null when a message has none). */
export function parseMessageMedia(raw: unknown): MessageMedia[] {
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item) => {
        const parsed = TwilioMedia.safeParse(item);
        return parsed.success ? [{ sid: parsed.data.sid ?? null, filename: parsed.data.filename ?? null }] : [];
    });
}

/** The message attribute that marks the product's own messages (greetings, close notices). */
export const SYSTEM_MESSAGE_MARK = { SystemMessage: true } as const;

/**
 * Whether the product itself sent a message: ours carry the attribute `{"SystemMessage": true}` (as the system
 * this replaces wrote it). The string `"true"` reads the same, since attributes are free-form JSON that people
 * also write by hand in Twilio's console. The message copy names these senders "System"; the Twilio integration
 * finds its greetings and close notice among them before sending one again.
 */
export function isSystemMessage(message: Pick<ConversationMessage, "attributes">): boolean {
    const flag = message.attributes.SystemMessage;
    return flag === true || flag === "true";
}
