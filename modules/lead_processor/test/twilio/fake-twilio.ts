/** An in-memory Twilio Conversations account and Twilio proxy, for the Twilio integration and webhook tests. */
import type { ConversationState, SessionRequestInput, SessionResponse } from "common/twilio-proxy";
import { VendorError } from "../../src/clients/http";
import { parseMessageAttributes } from "../../src/clients/twilio/conversation-messages";
import type * as api from "../../src/clients/twilio/conversations.types";
import type { SessionCreator } from "../../src/clients/twilio/twilio-proxy.client";

export const SERVICE_SID = "MG00000000000000000000000000000001";

export interface FakeConversation {
    sid: string;
    uniqueName: string | null;
    state: ConversationState;
    attributes: string;
    messagingServiceSid: string;
    dateUpdated: string;
    participants: api.ParticipantRecord[];
    webhooks: api.WebhookRecord[];
    messages: api.ConversationMessage[];
}

let counter = 0;
function sid(prefix: string): string {
    counter += 1;
    return `${prefix}${String(counter).padStart(32, "0")}`;
}

export class FakeTwilio implements api.ConversationsApi {
    readonly conversations = new Map<string, FakeConversation>();
    /** Every update call, in order. */
    readonly updates: { sid: string; attributes?: string; state?: string }[] = [];
    /** Called after an update is applied (to play a concurrent writer whose stale write lands next). */
    afterUpdate: ((c: FakeConversation) => void) | undefined;
    /** Fails `sendMessage` while set. */
    failSend: VendorError | undefined;
    /** How SMS to a phone fail (e.g. 21610 once it opted out); any other recipient's receipt is `delivered`. */
    readonly undeliverable = new Map<string, { status: "failed" | "undelivered"; errorCode: number }>();
    /** Delivery receipts by message sid. */
    readonly receipts = new Map<string, api.DeliveryReceipt[]>();
    /** Receipt reads so far. */
    receiptReads = 0;
    private clock = Date.UTC(2026, 2, 3, 10, 0, 0);

    /** Adds a conversation with SMS participants `[address, proxy]`. */
    add(over: Partial<FakeConversation> & { bindings?: [string, string][] } = {}): FakeConversation {
        const { bindings = [], ...rest } = over;
        const conversation: FakeConversation = {
            sid: sid("CH"),
            uniqueName: null,
            state: "active",
            attributes: "{}",
            messagingServiceSid: SERVICE_SID,
            dateUpdated: this.tick(),
            participants: bindings.map(([address, proxyAddress]) => ({
                sid: sid("MB"),
                identity: null,
                address,
                proxyAddress,
            })),
            webhooks: [],
            messages: [],
            ...rest,
        };
        this.conversations.set(conversation.sid, conversation);
        return conversation;
    }

    get(conversationSid: string): FakeConversation {
        const found = this.conversations.get(conversationSid);
        if (!found) throw new Error(`no conversation ${conversationSid}`);
        return found;
    }

    tick(): string {
        this.clock += 1000;
        return new Date(this.clock).toISOString();
    }

    async fetchConversation(conversationSid: string): Promise<api.ConversationRecord | null> {
        const c = this.conversations.get(conversationSid);
        return c ? record(c) : null;
    }

    async updateConversation(
        conversationSid: string,
        changes: { attributes?: string; state?: "active" | "inactive" | "closed" },
    ): Promise<api.ConversationRecord> {
        const c = this.get(conversationSid);
        if (c.state === "closed") throw new VendorError("Twilio", "rejected", "conversation is closed (50377)", 400);
        if (changes.attributes !== undefined) {
            if (typeof changes.attributes !== "string") throw new Error("attributes must be a JSON string");
            JSON.parse(changes.attributes);
            c.attributes = changes.attributes;
        }
        if (changes.state) c.state = changes.state;
        c.dateUpdated = this.tick();
        this.updates.push({ sid: conversationSid, ...changes });
        const result = record(c);
        this.afterUpdate?.(c);
        return result;
    }

    async conversationsOf(address: string): Promise<api.AddressConversation[]> {
        return [...this.conversations.values()].flatMap((c) =>
            c.participants
                .filter((p) => p.address === address)
                .map((p) => ({ conversationSid: c.sid, state: c.state, proxyAddress: p.proxyAddress })),
        );
    }

    async listParticipants(conversationSid: string): Promise<api.ParticipantRecord[]> {
        return [...this.get(conversationSid).participants];
    }

    async addChatParticipant(conversationSid: string, identity: string): Promise<void> {
        const c = this.get(conversationSid);
        if (c.participants.some((p) => p.identity === identity)) return;
        c.participants.push({ sid: sid("MB"), identity, address: null, proxyAddress: null });
    }

    async listWebhooks(conversationSid: string): Promise<api.WebhookRecord[]> {
        return [...this.get(conversationSid).webhooks];
    }

    async addWebhook(conversationSid: string, webhook: api.WebhookSpec): Promise<void> {
        this.get(conversationSid).webhooks.push({ sid: sid("WH"), ...webhook });
    }

    async listMessages(conversationSid: string): Promise<api.ConversationMessage[]> {
        return [...this.get(conversationSid).messages];
    }

    async sendMessage(conversationSid: string, message: api.OutgoingMessage): Promise<string> {
        if (this.failSend) throw this.failSend;
        return this.post(conversationSid, message.author, message.body, message.attributes).sid;
    }

    /** A text from a phone in the thread (as Twilio adds it when a participant texts its pool number). */
    text(conversationSid: string, author: string, body: string): api.ConversationMessage {
        return this.post(conversationSid, author, body, "{}");
    }

    async fetchMessage(conversationSid: string, messageSid: string): Promise<api.ConversationMessage | null> {
        return this.conversations.get(conversationSid)?.messages.find((m) => m.sid === messageSid) ?? null;
    }

    async listReceipts(_conversationSid: string, messageSid: string): Promise<api.DeliveryReceipt[]> {
        this.receiptReads += 1;
        return [...(this.receipts.get(messageSid) ?? [])];
    }

    /** Adds a message and its receipts: one per SMS participant but the author. */
    private post(conversationSid: string, author: string, body: string, attributes: string): api.ConversationMessage {
        const c = this.get(conversationSid);
        const now = this.tick();
        const receipts = c.participants
            .filter((p) => p.address && p.address !== author)
            .map((p): api.DeliveryReceipt => {
                const failure = p.address ? this.undeliverable.get(p.address) : undefined;
                return {
                    participantSid: p.sid,
                    status: failure?.status ?? "delivered",
                    errorCode: failure?.errorCode ?? null,
                };
            });
        const created: api.ConversationMessage = {
            sid: sid("IM"),
            author,
            body,
            attributes: parseMessageAttributes(attributes),
            media: [],
            dateCreated: now,
            deliveryFailed: receipts.some((r) => r.status !== "delivered"),
        };
        this.receipts.set(created.sid, receipts);
        c.messages.push(created);
        c.dateUpdated = now;
        return created;
    }
}

function record(c: FakeConversation): api.ConversationRecord {
    return {
        sid: c.sid,
        state: c.state,
        attributes: c.attributes,
        messagingServiceSid: c.messagingServiceSid,
        dateUpdated: c.dateUpdated,
    };
}

/** The proxy: one conversation per `uniqueName`, each participant on the first pool number it does not use. */
export class FakeProxy implements SessionCreator {
    readonly requests: SessionRequestInput[] = [];
    pool = ["+12125550101", "+12125550102", "+12125550103"];

    constructor(private readonly twilio: FakeTwilio) {}

    async createSession(request: SessionRequestInput): Promise<SessionResponse> {
        this.requests.push(request);
        const existing = [...this.twilio.conversations.values()].find(
            (c) => request.uniqueName && c.uniqueName === request.uniqueName,
        );
        const conversation =
            existing ??
            this.twilio.add({
                uniqueName: request.uniqueName ?? null,
                attributes: request.attributes ?? "{}",
                bindings: request.addresses.map((address) => [address, this.freeNumber(address)]),
            });
        return {
            sid: conversation.sid,
            accountSid: null,
            chatServiceSid: null,
            messagingServiceSid: conversation.messagingServiceSid,
            friendlyName: request.friendlyName ?? null,
            uniqueName: conversation.uniqueName,
            attributes: conversation.attributes,
            state: conversation.state,
            timers: { dateInactive: null, dateClosed: null },
            dateCreated: conversation.dateUpdated,
            dateUpdated: conversation.dateUpdated,
            url: null,
            participants: conversation.participants.flatMap((p) =>
                p.address && p.proxyAddress ? [{ sid: p.sid, address: p.address, proxyAddress: p.proxyAddress }] : [],
            ),
            created: existing === undefined,
        };
    }

    private freeNumber(address: string): string {
        const busy = new Set(
            [...this.twilio.conversations.values()]
                .filter((c) => c.state !== "closed")
                .flatMap((c) => c.participants.filter((p) => p.address === address).map((p) => p.proxyAddress)),
        );
        const free = this.pool.find((n) => !busy.has(n));
        if (!free) throw new VendorError("Twilio proxy", "unavailable", "pool_exhausted", 503);
        return free;
    }
}
