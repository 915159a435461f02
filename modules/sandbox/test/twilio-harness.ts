/**
 * Test harness for the Twilio stand-in: a sandbox served on a free port with a real `twilio` client
 * pointed at it, plus a small HTTP receiver that plays webhook targets.
 */
import { createTwilioClient, type TwilioClient } from "common/twilio";
import { createSandbox, type Sandbox } from "../src/app";
import type { CallRecord } from "../src/core/recorder";
import { seed } from "../src/seed";

export const account = seed.twilio;

export interface TwilioSandboxHarness {
    base: string;
    client: TwilioClient;
    sandbox: Sandbox;
    /** Calls a `/__sandbox/*` endpoint with a JSON body and returns the parsed answer. */
    control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
    /** Webhook deliveries the sandbox made, as recorded. */
    deliveries(): Promise<CallRecord[]>;
    stop(): void;
}

export function startSandbox(options: { inboundWebhookUrl?: string } = {}): TwilioSandboxHarness {
    let current: Sandbox | undefined;
    const server = Bun.serve({
        port: 0,
        hostname: "127.0.0.1",
        fetch: (req) => (current ? current.fetch(req) : new Response("starting", { status: 503 })),
    });
    const base = `http://127.0.0.1:${server.port}`;
    const sandbox = createSandbox({ seed, publicUrl: base, inboundWebhookUrl: options.inboundWebhookUrl });
    current = sandbox;
    const client = createTwilioClient({
        accountSid: account.accountSid,
        authToken: account.authToken,
        apiBaseUrl: base,
    });

    const control = async <T>(method: string, path: string, body?: unknown) => {
        const res = await fetch(`${base}${path}`, {
            method,
            headers: body === undefined ? {} : { "content-type": "application/json" },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
    };

    return {
        base,
        client,
        sandbox,
        control,
        deliveries: async () => (await control<CallRecord[]>("GET", "/__sandbox/calls?service=twilio-webhooks")).body,
        stop: () => {
            sandbox.close();
            server.stop(true);
        },
    };
}

export interface ReceivedRequest {
    url: string;
    method: string;
    headers: Record<string, string>;
    params: Record<string, string>;
}

export interface Receiver {
    url: string;
    received: ReceivedRequest[];
    /** Sets how the receiver answers (default 200 with an empty body). */
    respond(fn: (req: ReceivedRequest) => Response): void;
    stop(): void;
}

/** A tiny HTTP server that records every request with its form parameters. */
export function startReceiver(): Receiver {
    const received: ReceivedRequest[] = [];
    let answer: (req: ReceivedRequest) => Response = () => new Response("", { status: 200 });
    const server = Bun.serve({
        port: 0,
        hostname: "127.0.0.1",
        fetch: async (req) => {
            const url = new URL(req.url);
            const form = req.method === "POST" ? new URLSearchParams(await req.text()) : url.searchParams;
            const request: ReceivedRequest = {
                url: req.url,
                method: req.method,
                headers: Object.fromEntries(req.headers),
                params: Object.fromEntries(form),
            };
            received.push(request);
            return answer(request);
        },
    });
    return {
        url: `http://127.0.0.1:${server.port}`,
        received,
        respond: (fn) => {
            answer = fn;
        },
        stop: () => server.stop(true),
    };
}

/** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
    what: string,
    probe: () => T | undefined | Promise<T | undefined>,
    timeoutMs = 5_000,
) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        const value = await probe();
        if (value !== undefined) return value;
        await Bun.sleep(25);
    }
    throw new Error(`Timed out waiting for ${what}`);
}

/** Two SMS participants (customer and store) in a fresh conversation, each on a pool number. */
export async function conversationWithTwoPhones(
    client: TwilioClient,
    phones: { customer: string; store: string; customerProxy: string; storeProxy: string },
    options: { friendlyName?: string; timersInactive?: string; timersClosed?: string } = {},
) {
    const conversation = await client.conversations.v1.conversations.create({
        friendlyName: options.friendlyName ?? "Prairie Floors\nChicago\nWeb2Text Lead with customer",
        attributes: JSON.stringify({ LeadIds: ["lead-1"], StorePhoneNumber: phones.store }),
        ...(options.timersInactive ? { "timers.inactive": options.timersInactive } : {}),
        ...(options.timersClosed ? { "timers.closed": options.timersClosed } : {}),
    });
    const participants = client.conversations.v1.conversations(conversation.sid).participants;
    const customer = await participants.create({
        "messagingBinding.address": phones.customer,
        "messagingBinding.proxyAddress": phones.customerProxy,
    });
    const store = await participants.create({
        "messagingBinding.address": phones.store,
        "messagingBinding.proxyAddress": phones.storeProxy,
    });
    return { conversation, customer, store };
}
