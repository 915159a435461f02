/** Playing a phone: a text from a real number to a pool number, routed the way Twilio documents it. */
import type { StopRouting } from "../../settings/settings";
import { BY_PHONE } from "./cause";
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
    /** What the Messaging Service webhook answered (absent when it was not called; `dropped` by a fault). */
    webhook?: { status: number; error?: string; dropped?: true } | "not configured";
}

/** Where a phone's text goes: into the conversation bound to its number pair, to the inbound webhook, or both. */
function routeOf(
    bound: boolean,
    keyword: OptOutType | undefined,
    stopRouting: StopRouting,
): { conversation: boolean; webhook: boolean } {
    if (!bound) return { conversation: false, webhook: true };
    if (!keyword || stopRouting === "conversation") return { conversation: true, webhook: false };
    return { conversation: stopRouting === "both", webhook: true };
}

/**
 * Routes a phone's text as Twilio's "Inbound Message Handling & Autocreation" page describes: a text whose
 * (from, to) pair is bound to a participant of an open conversation becomes a message of that conversation
 * (and fires its webhooks), not a Messaging Service inbound webhook; any other text goes to the inbound
 * webhook, whose TwiML reply is texted back. A keyword text (STOP, START, HELP …) on a bound pair goes where
 * `stopRouting` says. STOP and START change the opt-out wherever the text goes (Twilio handles them at the
 * Messaging Service), with the reach `optOutScope` says.
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
    const route = routeOf(binding !== undefined, keyword, sb.settings.current.stopRouting);
    let result: PhoneTextResult = { delivered: "webhook", ...(keyword ? { optOutType: keyword } : {}) };
    if (binding && route.conversation) {
        const media = text.media?.map((m) => ({ ...m, size: 0 }));
        const message = addMessage(sb, binding.conversation, {
            author: text.from,
            body: text.body,
            cause: BY_PHONE,
            ...(media ? { media } : {}),
        });
        result = {
            ...result,
            delivered: "conversation",
            conversationSid: binding.conversation.sid,
            messageSid: message.sid,
        };
    }
    if (!route.webhook) return result;

    const inbound = await postIncomingMessage(sb, { ...text, ...(keyword ? { optOutType: keyword } : {}) });
    const delivered = inbound.replies.filter((reply) => textToPhone(sb, text.to, text.from, reply, keyword));
    return {
        ...result,
        ...(delivered.length ? { reply: delivered.join("\n") } : {}),
        webhook: inbound.posted
            ? {
                  status: inbound.status ?? 0,
                  ...(inbound.error ? { error: inbound.error } : {}),
                  ...(inbound.dropped ? { dropped: true } : {}),
              }
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
