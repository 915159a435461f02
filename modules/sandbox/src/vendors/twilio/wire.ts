/**
 * Twilio's wire format for the resources the stand-in serves: snake_case JSON, ISO dates without
 * milliseconds, absolute `url`/`links`, and list pages with a `meta` block the helper library follows.
 */
import {
    type Conversation,
    type ConversationWebhook,
    type Message,
    newSid,
    type Participant,
    type Receipt,
    timerDeadlines,
} from "./store";

/** What every serializer needs: the account and where this stand-in is reachable. */
export interface WireContext {
    accountSid: string;
    chatServiceSid: string;
    messagingServiceSid: string;
    /** The sandbox's own base URL (links point back at it). */
    publicUrl: string;
}

/** ISO-8601 in UTC without milliseconds, as Twilio writes dates. */
export function twilioDate(date: Date | number): string {
    return new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const conversationsBase = (ctx: WireContext) => `${ctx.publicUrl}/conversations/v1`;
const conversationUrl = (ctx: WireContext, sid: string) => `${conversationsBase(ctx)}/Conversations/${sid}`;

function conversationTimers(conversation: Conversation): Record<string, string> {
    const { inactiveAt, closedAt } = timerDeadlines(conversation);
    const timers: Record<string, string> = {};
    if (inactiveAt !== undefined && conversation.state === "active") timers.date_inactive = twilioDate(inactiveAt);
    if (closedAt !== undefined && conversation.state !== "closed") timers.date_closed = twilioDate(closedAt);
    return timers;
}

/** A Conversation resource. */
export function conversationJson(ctx: WireContext, c: Conversation) {
    const url = conversationUrl(ctx, c.sid);
    return {
        account_sid: ctx.accountSid,
        chat_service_sid: ctx.chatServiceSid,
        messaging_service_sid: c.messagingServiceSid,
        sid: c.sid,
        friendly_name: c.friendlyName,
        unique_name: c.uniqueName,
        attributes: c.attributes,
        state: c.state,
        date_created: twilioDate(c.dateCreated),
        date_updated: twilioDate(c.dateUpdated),
        timers: conversationTimers(c),
        url,
        links: { participants: `${url}/Participants`, messages: `${url}/Messages`, webhooks: `${url}/Webhooks` },
        bindings: null,
    };
}

/** The role every participant has (the service's default conversation role). */
export const ROLE_SID = newSid("RL");

/** A participant's `messaging_binding`; nested keys stay snake_case (the SDK passes the object through). */
export function messagingBinding(p: Participant) {
    return p.address ? { type: "sms", address: p.address, proxy_address: p.proxyAddress } : null;
}

/** A Participant resource. */
export function participantJson(ctx: WireContext, p: Participant) {
    return {
        account_sid: ctx.accountSid,
        conversation_sid: p.conversationSid,
        sid: p.sid,
        identity: p.identity,
        attributes: p.attributes,
        messaging_binding: messagingBinding(p),
        role_sid: ROLE_SID,
        date_created: twilioDate(p.dateCreated),
        date_updated: twilioDate(p.dateUpdated),
        url: `${conversationUrl(ctx, p.conversationSid)}/Participants/${p.sid}`,
        last_read_message_index: null,
        last_read_timestamp: null,
    };
}

/** Twilio's per-message delivery summary: counts become "all" / "some" / "none". */
function deliverySummary(receipts: readonly Receipt[]) {
    if (receipts.length === 0) return null;
    const share = (n: number) => (n === 0 ? "none" : n === receipts.length ? "all" : "some");
    const count = (...statuses: Receipt["status"][]) => receipts.filter((r) => statuses.includes(r.status)).length;
    return {
        total: receipts.length,
        sent: share(count("sent", "delivered")),
        delivered: share(count("delivered")),
        read: "none",
        failed: share(count("failed")),
        undelivered: share(count("undelivered")),
    };
}

/** A Message resource, with its delivery summary. */
export function messageJson(ctx: WireContext, m: Message) {
    const url = `${conversationUrl(ctx, m.conversationSid)}/Messages/${m.sid}`;
    return {
        account_sid: ctx.accountSid,
        conversation_sid: m.conversationSid,
        sid: m.sid,
        index: m.index,
        author: m.author,
        body: m.body,
        media:
            m.media?.map((item) => ({
                sid: item.sid,
                size: item.size,
                content_type: item.contentType,
                filename: item.filename,
                category: "media",
            })) ?? null,
        attributes: m.attributes,
        participant_sid: m.participantSid,
        date_created: twilioDate(m.dateCreated),
        date_updated: twilioDate(m.dateUpdated),
        url,
        delivery: deliverySummary(m.receipts),
        links: { delivery_receipts: `${url}/Receipts`, channel_metadata: `${url}/ChannelMetadata` },
        content_sid: null,
    };
}

/** A DeliveryReceipt resource. */
export function receiptJson(ctx: WireContext, r: Receipt) {
    return {
        account_sid: ctx.accountSid,
        conversation_sid: r.conversationSid,
        sid: r.sid,
        message_sid: r.messageSid,
        channel_message_sid: r.channelMessageSid,
        participant_sid: r.participantSid,
        status: r.status,
        error_code: r.errorCode,
        date_created: twilioDate(r.dateCreated),
        date_updated: twilioDate(r.dateUpdated),
        url: `${conversationUrl(ctx, r.conversationSid)}/Messages/${r.messageSid}/Receipts/${r.sid}`,
    };
}

/** A conversation-scoped Webhook resource. */
export function webhookJson(ctx: WireContext, w: ConversationWebhook) {
    return {
        sid: w.sid,
        account_sid: ctx.accountSid,
        conversation_sid: w.conversationSid,
        target: w.target,
        url: `${conversationUrl(ctx, w.conversationSid)}/Webhooks/${w.sid}`,
        configuration: { url: w.url, method: w.method.toLowerCase(), filters: w.filters },
        date_created: twilioDate(w.dateCreated),
        date_updated: twilioDate(w.dateUpdated),
    };
}

/** One row of `GET /v1/ParticipantConversations`. */
export function participantConversationJson(ctx: WireContext, c: Conversation, p: Participant) {
    const url = conversationUrl(ctx, c.sid);
    return {
        account_sid: ctx.accountSid,
        chat_service_sid: ctx.chatServiceSid,
        participant_sid: p.sid,
        participant_user_sid: p.identity ? userSid(p.identity) : null,
        participant_identity: p.identity,
        participant_messaging_binding: messagingBinding(p),
        conversation_sid: c.sid,
        conversation_unique_name: c.uniqueName,
        conversation_friendly_name: c.friendlyName,
        conversation_attributes: c.attributes,
        conversation_date_created: twilioDate(c.dateCreated),
        conversation_date_updated: twilioDate(c.dateUpdated),
        conversation_created_by: "system",
        conversation_state: c.state,
        conversation_timers: conversationTimers(c),
        links: { participant: `${url}/Participants/${p.sid}`, conversation: url },
    };
}

/** Stable SIDs derived from a value (pool numbers, chat users), so repeated lists agree. */
export function stableSid(prefix: string, value: string): string {
    return prefix + new Bun.CryptoHasher("md5").update(value).digest("hex");
}

const userSid = (identity: string) => stableSid("US", identity);

// NANP area codes in Canada (enough to tell a Canadian pool number from a US one).
const CANADIAN_AREA_CODES = new Set(
    "204 226 236 249 250 263 289 306 343 354 365 367 368 382 403 416 418 428 431 437 438 450 468 474 506 514 519 548 579 581 584 587 600 604 613 639 647 672 683 705 709 742 753 778 780 782 807 819 825 867 873 879 902 905".split(
        " ",
    ),
);

function countryOf(number: string): string {
    if (!number.startsWith("+1")) return "ZZ";
    return CANADIAN_AREA_CODES.has(number.slice(2, 5)) ? "CA" : "US";
}

const POOL_DATE = new Date("2024-01-01T00:00:00Z");

/** A Messaging Service PhoneNumber resource (SID derived from the number). */
export function phoneNumberJson(ctx: WireContext, serviceSid: string, number: string) {
    const sid = stableSid("PN", number);
    return {
        sid,
        account_sid: ctx.accountSid,
        service_sid: serviceSid,
        date_created: twilioDate(POOL_DATE),
        date_updated: twilioDate(POOL_DATE),
        phone_number: number,
        country_code: countryOf(number),
        capabilities: ["SMS", "MMS", "Voice"],
        url: `${ctx.publicUrl}/messaging/v1/Services/${serviceSid}/PhoneNumbers/${sid}`,
    };
}

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

function nonNegativeInt(raw: string | null): number | undefined {
    if (raw === null || !/^\d+$/.test(raw)) return undefined;
    return Number(raw);
}

/**
 * One page of a list, Twilio style: `PageSize` (default 50, at most 1000) and `Page` (from 0) select the
 * slice; `meta.next_page_url` keeps every other query parameter so the helper library can follow it.
 */
export function listPage<T>(
    ctx: WireContext,
    url: URL,
    key: string,
    items: readonly T[],
    toJson: (item: T) => unknown,
) {
    const pageSize = Math.min(
        Math.max(nonNegativeInt(url.searchParams.get("PageSize")) ?? DEFAULT_PAGE_SIZE, 1),
        MAX_PAGE_SIZE,
    );
    const page = nonNegativeInt(url.searchParams.get("Page")) ?? 0;
    const start = page * pageSize;
    const pageUrl = (n: number) => {
        const query = new URLSearchParams(url.searchParams);
        for (const name of ["Page", "PageSize", "PageToken"]) query.delete(name);
        query.set("PageSize", String(pageSize));
        query.set("Page", String(n));
        if (n > 0) query.set("PageToken", `PT${n * pageSize}`);
        return `${ctx.publicUrl}${url.pathname}?${query}`;
    };
    return {
        [key]: items.slice(start, start + pageSize).map(toJson),
        meta: {
            page,
            page_size: pageSize,
            first_page_url: pageUrl(0),
            previous_page_url: page > 0 ? pageUrl(page - 1) : null,
            url: pageUrl(page),
            next_page_url: start + pageSize < items.length ? pageUrl(page + 1) : null,
            key,
        },
    };
}
