/**
 * The Twilio stand-in's in-memory state: conversations with their participants, messages, receipts and
 * webhooks, Programmable Messaging sends, the Messaging Service number pool, opt-outs, and what each phone sent
 * and received.
 */

import type { OptOutScope } from "../../settings/settings";
import type { ApiMessage } from "./api-messages";

export type ConversationState = "active" | "inactive" | "closed";
/** Delivery status of a message to one SMS recipient. */
export type ReceiptStatus = "sent" | "delivered" | "undelivered" | "failed";
/** Where a message came from (the `Source` of its webhook). */
export type MessageSource = "API" | "SMS";

/** A media attachment of a message. */
export interface MediaItem {
    sid: string;
    filename: string;
    contentType: string;
    size: number;
}

/** A delivery receipt: one per SMS recipient of a message. */
export interface Receipt {
    sid: string;
    conversationSid: string;
    messageSid: string;
    participantSid: string;
    channelMessageSid: string;
    status: ReceiptStatus;
    errorCode: number | null;
    dateCreated: Date;
    dateUpdated: Date;
}

/** A conversation message. */
export interface Message {
    sid: string;
    conversationSid: string;
    index: number;
    author: string;
    body: string | null;
    attributes: string;
    media: MediaItem[] | null;
    /** The participant whose address or identity is the author, if any. */
    participantSid: string | null;
    source: MessageSource;
    receipts: Receipt[];
    dateCreated: Date;
    dateUpdated: Date;
}

/** A conversation participant. */
export interface Participant {
    sid: string;
    conversationSid: string;
    /** Chat participants have an identity and no binding. */
    identity: string | null;
    /** SMS participants have a binding: their real number and the pool number they talk through. */
    address: string | null;
    proxyAddress: string | null;
    attributes: string;
    dateCreated: Date;
    dateUpdated: Date;
}

/** A conversation-scoped webhook (target `webhook`). */
export interface ConversationWebhook {
    sid: string;
    conversationSid: string;
    target: "webhook";
    url: string;
    method: "GET" | "POST";
    filters: string[];
    dateCreated: Date;
    dateUpdated: Date;
}

/** A timer as set: the ISO-8601 duration given, and how long it takes to elapse here (ms; 60× less with fastTimers). */
export interface ConversationTimer {
    iso: string;
    ms: number;
}

/** A conversation's timers. */
export interface ConversationTimers {
    inactive?: ConversationTimer;
    closed?: ConversationTimer;
}

/** A conversation with everything in it. */
export interface Conversation {
    sid: string;
    uniqueName: string | null;
    friendlyName: string | null;
    attributes: string;
    messagingServiceSid: string;
    state: ConversationState;
    timers: ConversationTimers;
    /** Last activity (creation, message, reactivation, timer change), from which timers count (epoch ms). */
    activityAt: number;
    participants: Participant[];
    messages: Message[];
    webhooks: ConversationWebhook[];
    nextIndex: number;
    dateCreated: Date;
    dateUpdated: Date;
}

/** One SMS as a phone saw it: sent by the phone or received by it. */
export interface PhoneEvent {
    direction: "sent" | "received";
    from: string;
    to: string;
    body: string;
    at: string;
    conversationSid?: string;
    messageSid?: string;
    /** File names of attached media. */
    media?: string[];
}

/** A new Twilio-style SID: two-letter prefix plus 32 hex digits. */
export function newSid(prefix: string): string {
    return prefix + crypto.randomUUID().replaceAll("-", "");
}

/** The deadlines of a conversation's timers (epoch ms), from its last activity. */
export function timerDeadlines(conversation: Conversation): { inactiveAt?: number; closedAt?: number } {
    const { inactive, closed } = conversation.timers;
    return {
        ...(inactive ? { inactiveAt: conversation.activityAt + inactive.ms } : {}),
        ...(closed ? { closedAt: conversation.activityAt + closed.ms } : {}),
    };
}

/** All of the stand-in's state, in memory. */
export class TwilioStore {
    readonly conversations = new Map<string, Conversation>();
    /** Programmable Messaging sends, by SID. */
    readonly apiMessages = new Map<string, ApiMessage>();
    private readonly poolNumbers: string[] = [];
    private readonly poolSet = new Set<string>();
    /** Key `<phone>|<pool number>` → when the phone texted STOP to that pool number (until it texts START). */
    private readonly optOuts = new Map<string, string>();
    private readonly phones = new Map<string, PhoneEvent[]>();

    constructor(
        pool: readonly string[],
        /** The `optOutScope` setting, read at each check. */
        private readonly optOutScope: () => OptOutScope,
    ) {
        this.addPoolNumbers(pool);
    }

    get pool(): readonly string[] {
        return this.poolNumbers;
    }

    inPool(number: string): boolean {
        return this.poolSet.has(number);
    }

    /** Adds numbers to the pool (skipping ones already there); returns how many were new. */
    addPoolNumbers(numbers: readonly string[]): number {
        let added = 0;
        for (const number of numbers) {
            if (this.poolSet.has(number)) continue;
            this.poolSet.add(number);
            this.poolNumbers.push(number);
            added += 1;
        }
        return added;
    }

    replacePool(numbers: readonly string[]): void {
        this.poolNumbers.length = 0;
        this.poolSet.clear();
        this.addPoolNumbers(numbers);
    }

    /** A conversation by SID or unique name. */
    conversation(sidOrUniqueName: string): Conversation | undefined {
        return this.conversations.get(sidOrUniqueName) ?? this.byUniqueName(sidOrUniqueName);
    }

    byUniqueName(uniqueName: string): Conversation | undefined {
        for (const conversation of this.conversations.values()) {
            if (conversation.uniqueName === uniqueName) return conversation;
        }
        return undefined;
    }

    /** The participant holding this (address, proxy address) pair in a conversation that is not closed. */
    openBinding(
        address: string,
        proxyAddress: string,
    ): { conversation: Conversation; participant: Participant } | undefined {
        for (const conversation of this.conversations.values()) {
            if (conversation.state === "closed") continue;
            const participant = conversation.participants.find(
                (p) => p.address === address && p.proxyAddress === proxyAddress,
            );
            if (participant) return { conversation, participant };
        }
        return undefined;
    }

    /** Every participant (with its conversation) matching an SMS address or a chat identity. */
    participantsOf(match: {
        address?: string;
        identity?: string;
    }): { conversation: Conversation; participant: Participant }[] {
        const found: { conversation: Conversation; participant: Participant }[] = [];
        for (const conversation of this.conversations.values()) {
            for (const participant of conversation.participants) {
                const byAddress = match.address !== undefined && participant.address === match.address;
                const byIdentity = match.identity !== undefined && participant.identity === match.identity;
                if (byAddress || byIdentity) found.push({ conversation, participant });
            }
        }
        return found;
    }

    /**
     * Whether the phone may not be texted from this pool number: with the `messaging-service` opt-out scope a
     * STOP to any number of the service blocks them all; with `number`, only the number it was texted to.
     */
    isOptedOut(phone: string, poolNumber: string): boolean {
        if (this.optOutScope() === "number") return this.optOuts.has(`${phone}|${poolNumber}`);
        return [...this.optOuts.keys()].some((key) => key.startsWith(`${phone}|`));
    }

    optOut(phone: string, poolNumber: string): void {
        this.optOuts.set(`${phone}|${poolNumber}`, new Date().toISOString());
    }

    /** START lifts the opt-out: of every number of the service, or of this number only (`number` scope). */
    optIn(phone: string, poolNumber: string): void {
        if (this.optOutScope() === "number") {
            this.optOuts.delete(`${phone}|${poolNumber}`);
            return;
        }
        for (const key of [...this.optOuts.keys()]) if (key.startsWith(`${phone}|`)) this.optOuts.delete(key);
    }

    listOptOuts(): { phone: string; poolNumber: string; at: string }[] {
        return [...this.optOuts].map(([key, at]) => {
            const [phone = "", poolNumber = ""] = key.split("|");
            return { phone, poolNumber, at };
        });
    }

    /** Records an SMS in a phone's log. */
    logPhone(phone: string, event: PhoneEvent): void {
        const log = this.phones.get(phone) ?? [];
        log.push(event);
        this.phones.set(phone, log);
    }

    phoneLog(phone: string): readonly PhoneEvent[] {
        return this.phones.get(phone) ?? [];
    }

    allPhoneLogs(): Record<string, readonly PhoneEvent[]> {
        return Object.fromEntries(this.phones);
    }

    /** Forgets conversations, sends, phones and opt-outs (the pool stays). */
    reset(): void {
        this.conversations.clear();
        this.apiMessages.clear();
        this.optOuts.clear();
        this.phones.clear();
    }
}
