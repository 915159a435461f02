import type { TwilioClient } from "common/twilio";
import { z } from "zod";
import { VendorError } from "../../clients/http";

/** One media item of a message; only the name is copied to the lead-tracking systems. */
export const MessageMedia = z.object({ sid: z.string().nullable(), filename: z.string().nullable() });
export type MessageMedia = z.infer<typeof MessageMedia>;

/** A conversation message as the message copy journals it: plain JSON, attributes already parsed. */
export interface ConversationMessage {
    sid: string;
    /** The author's identity: an E.164 address for SMS participants, a name for chat identities. */
    author: string | null;
    body: string | null;
    attributes: Record<string, unknown>;
    media: MessageMedia[];
    /** ISO-8601 creation time. */
    dateCreated: string;
}

/** Lists a conversation's messages, oldest first. */
export interface ConversationMessageSource {
    listMessages(conversationSid: string): Promise<ConversationMessage[]>;
}

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

/** The message source backed by the Twilio Conversations API (or its sandbox stand-in). */
export class TwilioConversationMessages implements ConversationMessageSource {
    constructor(private readonly twilio: TwilioClient) {}

    async listMessages(conversationSid: string): Promise<ConversationMessage[]> {
        const messages = await this.twilio.conversations.v1
            .conversations(conversationSid)
            .messages.list({ order: "asc" })
            .catch((error: unknown) => {
                throw asVendorError(conversationSid, error);
            });
        return messages.map((m) => ({
            sid: m.sid,
            author: m.author ?? null,
            body: m.body ?? null,
            attributes: parseMessageAttributes(m.attributes),
            media: parseMessageMedia(m.media),
            dateCreated: (m.dateCreated ?? new Date(0)).toISOString(),
        }));
    }
}

const TwilioFailure = z.looseObject({ status: z.number(), message: z.string().optional() });

/** A Twilio 4xx (other than 429) is a rejection retrying cannot fix, e.g. a conversation that is gone. */
function asVendorError(conversationSid: string, error: unknown): unknown {
    const failure = TwilioFailure.safeParse(error);
    if (!failure.success) return error;
    const { status, message } = failure.data;
    const kind =
        status === 429 ? "rate-limited" : status >= 500 ? "unavailable" : status >= 400 ? "rejected" : undefined;
    if (!kind) return error;
    return new VendorError(
        "Twilio",
        kind,
        `listing messages of ${conversationSid} answered ${status}: ${message ?? "no message"}`,
        status,
    );
}
