/**
 * Programmable Messaging sends (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`): an SMS from a pool
 * number, or from the Messaging Service, to a phone outside any conversation. A send to a phone that opted
 * out is refused with 400 / 21610, as Twilio does; an injected `twilio-delivery` fault fails the delivery.
 */
import type { TwilioSandbox } from "./context";
import { DELIVERY_DELAY_MS, injectedFailure } from "./delivery";
import { unsubscribedRecipient } from "./errors";
import { newSid } from "./store";

export type ApiMessageStatus = "accepted" | "queued" | "sent" | "delivered" | "undelivered" | "failed";

/** A Message resource of the 2010-04-01 API. */
export interface ApiMessage {
    sid: string;
    from: string;
    to: string;
    body: string;
    messagingServiceSid: string | null;
    status: ApiMessageStatus;
    errorCode: number | null;
    dateCreated: Date;
    dateUpdated: Date;
    dateSent: Date | null;
}

/** A send, already validated: `from` a pool number, or through the Messaging Service (`from` undefined). */
export interface ApiSend {
    to: string;
    body: string;
    from?: string;
    messagingServiceSid?: string;
}

/** The pool number the Messaging Service sends from: the one the phone last texted with (sticky sender). */
function senderFor(sb: TwilioSandbox, phone: string): string | undefined {
    const last = sb.store
        .phoneLog(phone)
        .map((event) => (event.direction === "sent" ? event.to : event.from))
        .findLast((number) => sb.store.inPool(number));
    return last ?? sb.store.pool[0];
}

/** Sends an SMS: refused (21610) for an opted-out phone; delivered, or failed by a fault, shortly after. */
export function sendApiMessage(sb: TwilioSandbox, send: ApiSend): ApiMessage {
    const from = send.from ?? senderFor(sb, send.to) ?? "";
    if (sb.store.isOptedOut(send.to, from)) throw unsubscribedRecipient();
    const now = new Date();
    const message: ApiMessage = {
        sid: newSid("SM"),
        from,
        to: send.to,
        body: send.body,
        messagingServiceSid: send.messagingServiceSid ?? null,
        status: send.from ? "queued" : "accepted",
        errorCode: null,
        dateCreated: now,
        dateUpdated: now,
        dateSent: null,
    };
    sb.store.apiMessages.set(message.sid, message);
    const failure = injectedFailure(sb);
    if (!failure) {
        sb.store.logPhone(send.to, {
            direction: "received",
            from,
            to: send.to,
            body: send.body,
            at: now.toISOString(),
        });
    }
    sb.background.after(DELIVERY_DELAY_MS, () => {
        message.status = failure?.status ?? "delivered";
        message.errorCode = failure?.errorCode ?? null;
        message.dateSent = failure ? null : new Date();
        message.dateUpdated = new Date();
    });
    return message;
}

/** RFC 2822 dates, as the 2010-04-01 API writes them (`Thu, 30 Jul 2015 20:12:31 +0000`). */
function rfc2822(date: Date | null): string | null {
    return date ? date.toUTCString().replace("GMT", "+0000") : null;
}

/** The Message resource's JSON. */
export function apiMessageJson(sb: TwilioSandbox, m: ApiMessage) {
    const uri = `/2010-04-01/Accounts/${sb.wire.accountSid}/Messages/${m.sid}.json`;
    return {
        account_sid: sb.wire.accountSid,
        api_version: "2010-04-01",
        body: m.body,
        date_created: rfc2822(m.dateCreated),
        date_sent: rfc2822(m.dateSent),
        date_updated: rfc2822(m.dateUpdated),
        direction: "outbound-api",
        error_code: m.errorCode,
        error_message: null,
        from: m.from,
        messaging_service_sid: m.messagingServiceSid,
        num_media: "0",
        num_segments: "1",
        price: null,
        price_unit: "USD",
        sid: m.sid,
        status: m.status,
        subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
        to: m.to,
        uri,
    };
}
