/** Playing a phone: a text from a real number to a pool number, routed the way Twilio routes it. */
import type { TwilioSandbox } from "./context";
import { postIncomingMessage } from "./inbound";
import { type OptOutType, optOutType } from "./keywords";
import { addMessage } from "./messages";

/** A text a phone sends to a pool number. */
export interface PhoneText {
    from: string;
    to: string;
    body: string;
    media?: { filename: string; contentType: string }[];
}

/** Where a phone's text went (the answer of `POST /__sandbox/sms`). */
export interface PhoneTextResult {
    delivered: "conversation" | "webhook";
    conversationSid?: string;
    messageSid?: string;
    optOutType?: OptOutType;
    /** The Messaging Service webhook's TwiML reply, as delivered back to the phone. */
    reply?: string;
    /** What the Messaging Service webhook answered (absent when it was not called). */
    webhook?: { status: number; error?: string } | "not configured";
}

/**
 * Routes a phone's text: inside an open conversation whose binding is (from, to) it becomes a conversation
 * message; otherwise it goes to the Messaging Service webhook, whose TwiML reply is texted back.
 * Opt-out keywords update the (phone, pool number) opt-out and always reach the webhook too.
 */
export async function textFromPhone(sb: TwilioSandbox, text: PhoneText): Promise<PhoneTextResult> {
    const { store } = sb;
    store.logPhone(text.from, {
        direction: "sent",
        from: text.from,
        to: text.to,
        body: text.body,
        at: new Date().toISOString(),
        ...(text.media?.length ? { media: text.media.map((m) => m.filename) } : {}),
    });
    const keyword = optOutType(text.body);
    if (keyword === "STOP") store.optOut(text.from, text.to);
    if (keyword === "START") store.optIn(text.from, text.to);

    const binding = store.openBinding(text.from, text.to);
    let result: PhoneTextResult = { delivered: "webhook" };
    if (binding) {
        const media = text.media?.map((m) => ({ ...m, size: 0 }));
        const message = addMessage(sb, binding.conversation, {
            author: text.from,
            body: text.body,
            source: "SMS",
            ...(media ? { media } : {}),
        });
        result = { delivered: "conversation", conversationSid: binding.conversation.sid, messageSid: message.sid };
        if (!keyword) return result;
    }

    const inbound = await postIncomingMessage(sb, { ...text, ...(keyword ? { optOutType: keyword } : {}) });
    const delivered = inbound.replies.filter((reply) => textToPhone(sb, text.to, text.from, reply, keyword));
    return {
        ...result,
        ...(keyword ? { optOutType: keyword } : {}),
        ...(delivered.length ? { reply: delivered.join("\n") } : {}),
        webhook: inbound.posted
            ? { status: inbound.status ?? 0, ...(inbound.error ? { error: inbound.error } : {}) }
            : "not configured",
    };
}

/**
 * A text from a pool number to a phone outside any conversation (a TwiML reply). An opted-out phone gets
 * nothing, except the reply to the keyword message itself (Twilio's opt-out confirmation slot).
 */
function textToPhone(
    sb: TwilioSandbox,
    from: string,
    to: string,
    body: string,
    keyword: OptOutType | undefined,
): boolean {
    if (!keyword && sb.store.isOptedOut(to, from)) return false;
    sb.store.logPhone(to, { direction: "received", from, to, body, at: new Date().toISOString() });
    return true;
}
