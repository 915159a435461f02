/** The sandbox's own JSON view of conversations (for the page and tests; camelCase, not Twilio's wire). */
import type { TwilioSandbox } from "./context";
import type { Conversation, Participant, PhoneEvent } from "./store";
import { timerDeadlines } from "./store";

function parseAttributes(raw: string): Record<string, unknown> {
    try {
        const parsed: unknown = JSON.parse(raw);
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
    } catch {
        return {};
    }
}

/** Everything a phone and a pool number texted each other: the thread the phone's SMS app shows. */
export function threadBetween(sb: TwilioSandbox, phone: string, poolNumber: string): PhoneEvent[] {
    return sb.store
        .phoneLog(phone)
        .filter((event) => (event.direction === "sent" ? event.to : event.from) === poolNumber);
}

function role(p: Participant, storePhone: unknown): "dealer" | "customer" | "phone" | "chat" {
    if (!p.address) return "chat";
    if (typeof storePhone !== "string") return "phone";
    return p.address === storePhone ? "dealer" : "customer";
}

/** One conversation with its participants (and their threads), messages and webhooks. */
export function conversationView(sb: TwilioSandbox, c: Conversation) {
    const attributes = parseAttributes(c.attributes);
    const { inactiveAt, closedAt } = timerDeadlines(c);
    return {
        sid: c.sid,
        uniqueName: c.uniqueName,
        friendlyName: c.friendlyName,
        state: c.state,
        attributes,
        dateCreated: c.dateCreated.toISOString(),
        dateUpdated: c.dateUpdated.toISOString(),
        timers: {
            inactive: c.timers.inactive?.iso ?? null,
            closed: c.timers.closed?.iso ?? null,
            dateInactive: inactiveAt !== undefined ? new Date(inactiveAt).toISOString() : null,
            dateClosed: closedAt !== undefined ? new Date(closedAt).toISOString() : null,
        },
        participants: c.participants.map((p) => ({
            sid: p.sid,
            role: role(p, attributes.StorePhoneNumber),
            identity: p.identity,
            address: p.address,
            proxyAddress: p.proxyAddress,
            optedOut: p.address && p.proxyAddress ? sb.store.isOptedOut(p.address, p.proxyAddress) : false,
            thread: p.address && p.proxyAddress ? threadBetween(sb, p.address, p.proxyAddress) : [],
        })),
        messages: c.messages.map((m) => ({
            sid: m.sid,
            index: m.index,
            author: m.author,
            body: m.body,
            attributes: parseAttributes(m.attributes),
            media: m.media?.map((item) => item.filename) ?? [],
            source: m.source,
            dateCreated: m.dateCreated.toISOString(),
            receipts: m.receipts.map((r) => ({
                participantSid: r.participantSid,
                status: r.status,
                errorCode: r.errorCode,
            })),
        })),
        webhooks: c.webhooks.map((w) => ({ sid: w.sid, url: w.url, method: w.method, filters: w.filters })),
    };
}

/** Every conversation, newest first. */
export function conversationsView(sb: TwilioSandbox) {
    return [...sb.store.conversations.values()].reverse().map((c) => conversationView(sb, c));
}
