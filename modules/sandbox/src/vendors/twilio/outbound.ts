import { type Faults, WEBHOOK_DROP } from "../../core/faults";
import type { Recorder } from "../../core/recorder";
import { twilioSignature } from "./signature";

/** Service name under which every request the stand-in makes is recorded (`GET /__sandbox/calls?service=…`). */
export const OUTBOUND_SERVICE = "twilio-webhooks";

/** A request Twilio makes to the product. */
export interface OutboundRequest {
    /** `conversation-webhook` (Conversations post-event) or `incoming-message` (Messaging Service). */
    kind: "conversation-webhook" | "incoming-message";
    url: string;
    method: "GET" | "POST";
    params: Record<string, string>;
    timeoutMs: number;
    eventType?: string;
    conversationSid?: string;
    attempt?: number;
    headers?: Record<string, string>;
}

/** How a request Twilio made went. */
export interface OutboundResult {
    /** HTTP status, or 0 when no answer came (refused, timed out). */
    status: number;
    ok: boolean;
    text: string;
    error?: string;
    /** The `webhooks` fault dropped it: it never reached the product. */
    dropped?: true;
}

const DROPPED: OutboundResult = {
    status: 0,
    ok: false,
    text: "",
    error: "dropped by the webhooks fault",
    dropped: true,
};

/**
 * Makes the HTTP requests Twilio makes, signed with `X-Twilio-Signature`, and records each one. While a
 * `webhooks` fault is active a request is dropped instead: the product never sees it, and its call record
 * says `dropped: true`.
 */
export class SignedSender {
    constructor(
        private readonly authToken: string,
        private readonly recorder: Recorder,
        private readonly faults: Faults,
        /** Ends requests in flight when the sandbox closes. */
        private readonly stopSignal?: AbortSignal,
    ) {}

    async send(request: OutboundRequest): Promise<OutboundResult> {
        const form = new URLSearchParams(request.params);
        const url =
            request.method === "GET" ? `${request.url}${request.url.includes("?") ? "&" : "?"}${form}` : request.url;
        const signature = twilioSignature(this.authToken, url, request.method === "GET" ? {} : request.params);
        const headers: Record<string, string> = {
            "x-twilio-signature": signature,
            "user-agent": "TwilioProxy/1.1",
            ...request.headers,
        };
        if (request.method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
        const result = this.faults.take(WEBHOOK_DROP) ? DROPPED : await this.fetch(url, request, headers, form);
        this.recorder.record({
            service: OUTBOUND_SERVICE,
            method: request.method,
            path: url,
            query: {},
            headers,
            body: {
                kind: request.kind,
                eventType: request.eventType,
                conversationSid: request.conversationSid,
                url,
                attempt: request.attempt ?? 0,
                status: result.status,
                ok: result.ok,
                error: result.error,
                ...(result.dropped ? { dropped: true } : {}),
                params: request.params,
            },
        });
        return result;
    }

    private async fetch(
        url: string,
        request: OutboundRequest,
        headers: Record<string, string>,
        form: URLSearchParams,
    ): Promise<OutboundResult> {
        try {
            const res = await fetch(url, {
                method: request.method,
                headers,
                ...(request.method === "POST" ? { body: form.toString() } : {}),
                signal: AbortSignal.any([
                    AbortSignal.timeout(request.timeoutMs),
                    ...(this.stopSignal ? [this.stopSignal] : []),
                ]),
            });
            const text = await res.text();
            return { status: res.status, ok: res.ok, text };
        } catch (error) {
            return { status: 0, ok: false, text: "", error: error instanceof Error ? error.message : String(error) };
        }
    }
}
