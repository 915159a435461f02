/**
 * The sandbox's Twilio as e2e tests read and drive it: conversations, what each phone received, texting as a
 * phone, the webhook calls it made, and webhook requests signed (or forged) the way Twilio signs them.
 */
import { createTwilioClient } from "common/twilio";
import { seed } from "sandbox";
import twilio from "twilio";
import { z } from "zod";
import type { StackTarget } from "./web2text";

const Participant = z.looseObject({
    role: z.string(),
    identity: z.string().nullable(),
    address: z.string().nullable(),
    proxyAddress: z.string().nullable(),
});
const Message = z.looseObject({
    sid: z.string(),
    author: z.string(),
    body: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
});
/** A conversation as `GET /__sandbox/conversations` shows it. */
export const SandboxConversation = z.looseObject({
    sid: z.string(),
    uniqueName: z.string().nullable(),
    friendlyName: z.string().nullable(),
    state: z.enum(["active", "inactive", "closed"]),
    attributes: z.looseObject({ LeadIds: z.array(z.string()).default([]), StorePhoneNumber: z.string().optional() }),
    timers: z.looseObject({ inactive: z.string().nullable(), closed: z.string().nullable() }),
    participants: z.array(Participant),
    messages: z.array(Message),
    webhooks: z.array(z.looseObject({ url: z.string(), method: z.string(), filters: z.array(z.string()) })),
});
export type SandboxConversation = z.output<typeof SandboxConversation>;

/** A text a phone received. */
export const PhoneMessage = z.looseObject({
    from: z.string(),
    to: z.string(),
    body: z.string(),
    conversationSid: z.string().optional(),
    messageSid: z.string().optional(),
});
export type PhoneMessage = z.output<typeof PhoneMessage>;

/** What `POST /__sandbox/sms` answers: where the text went and the TwiML reply texted back. */
export const TextResult = z.looseObject({
    delivered: z.enum(["conversation", "webhook"]),
    conversationSid: z.string().optional(),
    messageSid: z.string().optional(),
    optOutType: z.string().optional(),
    reply: z.string().optional(),
    webhook: z.union([z.literal("not configured"), z.looseObject({ status: z.number() })]).optional(),
});
export type TextResult = z.output<typeof TextResult>;

/** A request the sandbox's Twilio made to the product (`/__sandbox/calls?service=twilio-webhooks`). */
export const WebhookCall = z.looseObject({
    seq: z.number(),
    body: z.looseObject({
        kind: z.string(),
        eventType: z.string().optional(),
        conversationSid: z.string().optional(),
        url: z.string(),
        status: z.number(),
        /** The sandbox's `webhooks` fault dropped it: the product never saw it. */
        dropped: z.boolean().optional(),
        params: z.record(z.string(), z.string()),
    }),
});
export type WebhookCall = z.output<typeof WebhookCall>;

async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    return schema.parse(await res.json());
}

/** Every conversation the sandbox holds. */
export function conversations(t: StackTarget): Promise<SandboxConversation[]> {
    return getJson(`${t.sandbox}/__sandbox/conversations`, z.array(SandboxConversation));
}

/** The conversations whose `LeadIds` hold the lead. */
export async function conversationsOfLead(t: StackTarget, leadId: string): Promise<SandboxConversation[]> {
    return (await conversations(t)).filter((c) => c.attributes.LeadIds.includes(leadId));
}

/** One conversation by SID. */
export async function conversation(t: StackTarget, sid: string): Promise<SandboxConversation> {
    const found = (await conversations(t)).find((c) => c.sid === sid);
    if (!found) throw new Error(`the sandbox has no conversation ${sid}`);
    return found;
}

/** What a phone received, oldest first. */
export function inbox(t: StackTarget, phone: string): Promise<PhoneMessage[]> {
    return getJson(`${t.sandbox}/__sandbox/phones/${encodeURIComponent(phone)}`, z.array(PhoneMessage));
}

/** What a phone received within one conversation (a store's number takes part in many). */
export async function inboxOf(t: StackTarget, phone: string, conversationSid: string): Promise<PhoneMessage[]> {
    return (await inbox(t, phone)).filter((m) => m.conversationSid === conversationSid);
}

/** Texts from a phone to a pool number, as a person would. */
export async function textAs(t: StackTarget, from: string, to: string, body: string): Promise<TextResult> {
    const res = await fetch(`${t.sandbox}/__sandbox/sms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from, to, body }),
    });
    if (!res.ok) throw new Error(`texting ${to}: HTTP ${res.status} ${await res.text()}`);
    return TextResult.parse(await res.json());
}

/** Requests the sandbox's Twilio made to the product after sequence number `since`. */
export function webhookCalls(t: StackTarget, since = 0): Promise<WebhookCall[]> {
    return getJson(`${t.sandbox}/__sandbox/calls?service=twilio-webhooks&since=${since}`, z.array(WebhookCall));
}

/** The highest call sequence number so far (to read only later calls). */
export async function lastCallSeq(t: StackTarget): Promise<number> {
    const all = await getJson(`${t.sandbox}/__sandbox/calls`, z.array(z.looseObject({ seq: z.number() })));
    return all.at(-1)?.seq ?? 0;
}

/**
 * A Programmable Messaging send (`Messages.json`) from a pool number to a phone through the sandbox's Twilio
 * REST API, with the account's credentials: the message sid, or Twilio's refusal (status and error code).
 */
export async function sendSms(
    t: StackTarget,
    from: string,
    to: string,
    body: string,
): Promise<{ sid: string } | { status: number; code: number }> {
    const client = createTwilioClient({
        accountSid: seed.twilio.accountSid,
        authToken: seed.twilio.authToken,
        apiBaseUrl: t.sandbox,
    });
    try {
        return { sid: (await client.messages.create({ from, to, body })).sid };
    } catch (error) {
        const refusal = z.object({ status: z.number(), code: z.number() }).safeParse(error);
        if (refusal.success) return refusal.data;
        throw error;
    }
}

/** The public URL of a `TwilioWebhooks` handler, as Twilio posts to (and signs) it. */
export const webhookUrl = (t: StackTarget, handler: string) => `${t.ingress}/TwilioWebhooks/${handler}`;

/** Twilio's `X-Twilio-Signature` for a form post to `url`. */
export function twilioSignature(
    url: string,
    params: Record<string, string>,
    authToken = seed.twilio.authToken,
): string {
    return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/**
 * Posts a form to a `TwilioWebhooks` handler through ingress. Signed correctly by default; `signature: null`
 * sends none, a string sends that one.
 */
export async function postWebhook(
    t: StackTarget,
    handler: string,
    params: Record<string, string>,
    options: { signature?: string | null } = {},
): Promise<{ status: number; text: string; contentType: string | null }> {
    const url = webhookUrl(t, handler);
    const signature = options.signature === undefined ? twilioSignature(url, params) : options.signature;
    const res = await fetch(url, {
        method: "POST",
        headers: {
            "content-type": "application/x-www-form-urlencoded",
            ...(signature === null ? {} : { "x-twilio-signature": signature }),
        },
        body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") };
}

/**
 * Slows every Twilio call of the sandbox by `delayMs` for a minute (a sandbox fault), so a kill lands while
 * Twilio work is under way; `undefined` lifts it.
 */
export async function slowTwilio(t: StackTarget, delayMs: number | undefined): Promise<void> {
    const res = await fetch(`${t.sandbox}/__sandbox/faults${delayMs ? "" : "?service=twilio"}`, {
        method: delayMs ? "POST" : "DELETE",
        headers: { "content-type": "application/json" },
        ...(delayMs ? { body: JSON.stringify({ service: "twilio", delayMs, seconds: 60 }) } : {}),
    });
    if (!res.ok) throw new Error(`sandbox faults: HTTP ${res.status}`);
}
