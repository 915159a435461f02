/** The Messaging Service's inbound webhook: texts to a pool number that no conversation binding claims. */
import type { TwilioSandbox } from "./context";
import type { OptOutType } from "./keywords";
import { newSid } from "./store";

/** Twilio waits this long for a messaging webhook to answer. */
const INBOUND_TIMEOUT_MS = 15_000;

/** A text from a phone to a pool number, as the Messaging Service receives it. */
export interface InboundText {
    from: string;
    to: string;
    body: string;
    media?: { filename: string; contentType: string }[];
    optOutType?: OptOutType;
}

/** What the inbound webhook answered. */
export interface InboundResult {
    posted: boolean;
    status?: number;
    /** The texts of the TwiML `<Message>` replies. */
    replies: string[];
    error?: string;
    /** The `webhooks` fault dropped it. */
    dropped?: true;
}

/**
 * Posts a text to the Messaging Service inbound webhook, signed, and reads its TwiML reply. Twilio does not
 * retry it; a `webhooks` fault drops it like a conversation webhook.
 */
export async function postIncomingMessage(sb: TwilioSandbox, text: InboundText): Promise<InboundResult> {
    const url = sb.messagingService.inboundRequestUrl;
    if (!url) return { posted: false, replies: [] };
    const sid = newSid("SM");
    const media = text.media ?? [];
    const params: Record<string, string> = {
        MessageSid: sid,
        SmsSid: sid,
        SmsMessageSid: sid,
        AccountSid: sb.wire.accountSid,
        MessagingServiceSid: sb.wire.messagingServiceSid,
        From: text.from,
        To: text.to,
        Body: text.body,
        NumMedia: String(media.length),
        NumSegments: "1",
        SmsStatus: "received",
        ApiVersion: "2010-04-01",
        ...(text.optOutType ? { OptOutType: text.optOutType } : {}),
    };
    media.forEach((item, i) => {
        params[`MediaContentType${i}`] = item.contentType;
    });
    const result = await sb.sender.send({
        kind: "incoming-message",
        url,
        method: "POST",
        params,
        timeoutMs: INBOUND_TIMEOUT_MS,
    });
    return {
        posted: true,
        status: result.status,
        replies: result.ok ? twimlMessages(result.text) : [],
        ...(result.error ? { error: result.error } : {}),
        ...(result.dropped ? { dropped: true } : {}),
    };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
    return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
        if (name.startsWith("#x") || name.startsWith("#X"))
            return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
        if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
        return ENTITIES[name] ?? whole;
    });
}

/** The text of an XML fragment: CDATA kept as it is; elsewhere tags dropped and entities decoded. */
function xmlText(fragment: string): string {
    return fragment
        .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
        .map((part) => (part.startsWith("<![CDATA[") ? part.slice(9, -3) : decodeXml(part.replace(/<[^>]+>/g, ""))))
        .join("");
}

/** The texts of a TwiML response's `<Message>` verbs (`<Message>text</Message>` or with a `<Body>`). */
export function twimlMessages(response: string): string[] {
    let xml = response.trim();
    // A TwiML document serialized as a JSON string is still TwiML.
    if (xml.startsWith('"')) {
        try {
            const unwrapped: unknown = JSON.parse(xml);
            if (typeof unwrapped === "string") xml = unwrapped;
        } catch {
            // not JSON: read as XML
        }
    }
    const replies: string[] = [];
    for (const match of xml.matchAll(/<Message\b[^>]*>([\s\S]*?)<\/Message>/g)) {
        const inner = match[1] ?? "";
        const text = xmlText(/<Body\b[^>]*>([\s\S]*?)<\/Body>/.exec(inner)?.[1] ?? inner);
        if (text.trim()) replies.push(text);
    }
    return replies;
}
