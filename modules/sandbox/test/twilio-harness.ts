/**
 * Test harness for the Twilio stand-in: a sandbox served on a free port with a real `twilio` client
 * pointed at it, plus a small HTTP receiver that plays webhook targets.
 */
import { createTwilioClient, type TwilioClient } from "common/twilio";
import twilio from "twilio";
import { afterAll, beforeAll } from "vitest";
import type { Sandbox } from "../src/app";
import type { CallRecord } from "../src/core/recorder";
import { seed } from "../src/seed";
import { serveSandbox } from "../src/serve";
import type { SettingsPatch } from "../src/settings/settings";

export const account = seed.twilio;

export interface TwilioSandboxHarness {
    base: string;
    client: TwilioClient;
    sandbox: Sandbox;
    /** Calls a `/__sandbox/*` endpoint with a JSON body and returns the parsed answer. */
    control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
    /** Webhook deliveries the sandbox made, as recorded. */
    deliveries(): Promise<CallRecord[]>;
    /** Changes behaviour settings (`PUT /__sandbox/settings`). */
    configure(patch: SettingsPatch): Promise<void>;
    stop(): void;
}

/** A sandbox on a free port; `settings` override the documented defaults from the start. */
export function startSandbox(
    options: { inboundWebhookUrl?: string; settings?: SettingsPatch } = {},
): TwilioSandboxHarness {
    const { sandbox, base, stop } = serveSandbox({
        seed,
        inboundWebhookUrl: options.inboundWebhookUrl,
        settings: options.settings,
    });
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
        configure: async (patch) => {
            const res = await control("PUT", "/__sandbox/settings", patch);
            if (res.status !== 200) throw new Error(`settings refused: ${JSON.stringify(res.body)}`);
        },
        stop,
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
    respond(fn: (req: ReceivedRequest) => Response | Promise<Response>): void;
    stop(): void;
}

/** A tiny HTTP server that records every request with its form parameters. */
export function startReceiver(): Receiver {
    const received: ReceivedRequest[] = [];
    let answer: (req: ReceivedRequest) => Response | Promise<Response> = () => new Response("", { status: 200 });
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
    options: { friendlyName?: string; timersInactive?: string; timersClosed?: string; webhookEnabled?: boolean } = {},
) {
    const conversation = await client.conversations.v1.conversations.create({
        friendlyName: options.friendlyName ?? "Prairie Floors\nChicago\nWeb2Text Lead with customer",
        attributes: JSON.stringify({ LeadIds: ["lead-1"], StorePhoneNumber: phones.store }),
        ...(options.timersInactive ? { "timers.inactive": options.timersInactive } : {}),
        ...(options.timersClosed ? { "timers.closed": options.timersClosed } : {}),
    });
    const participants = client.conversations.v1.conversations(conversation.sid).participants;
    const header = options.webhookEnabled ? { xTwilioWebhookEnabled: "true" as const } : {};
    const customer = await participants.create({
        "messagingBinding.address": phones.customer,
        "messagingBinding.proxyAddress": phones.customerProxy,
        ...header,
    });
    const store = await participants.create({
        "messagingBinding.address": phones.store,
        "messagingBinding.proxyAddress": phones.storeProxy,
        ...header,
    });
    return { conversation, customer, store };
}

/** The Twilio error a call rejects with (the helper library's RestException). */
export async function twilioError(call: Promise<unknown>): Promise<{ status: number; code: number; moreInfo: string }> {
    const error = await call.then(
        () => undefined,
        (e: unknown) => e,
    );
    if (!(error instanceof twilio.RestException))
        throw new Error(`expected a Twilio RestException, got ${String(error)}`);
    return { status: error.status, code: error.code ?? 0, moreInfo: error.moreInfo ?? "" };
}

/** The sandbox and webhook receiver of a test file, started before its tests and stopped after them. */
export interface TwilioTestbed {
    h: TwilioSandboxHarness;
    receiver: Receiver;
    /** Where the sandbox posts the Messaging Service inbound webhook (on the receiver), when asked for. */
    inboundUrl: string;
}

/**
 * Registers `beforeAll`/`afterAll` hooks that start a receiver and a sandbox (with the inbound webhook on the
 * receiver when `inbound` is set, and `settings` over the defaults) and stop them; read them after start.
 */
export function useTwilioTestbed(options: { inbound?: boolean; settings?: SettingsPatch } = {}): TwilioTestbed {
    const bed: Partial<TwilioTestbed> = {};
    beforeAll(() => {
        const receiver = startReceiver();
        const inboundUrl = `${receiver.url}/TwilioWebhooks/onIncomingMessage`;
        bed.receiver = receiver;
        bed.inboundUrl = inboundUrl;
        bed.h = startSandbox({
            ...(options.inbound ? { inboundWebhookUrl: inboundUrl } : {}),
            ...(options.settings ? { settings: options.settings } : {}),
        });
    });
    afterAll(() => {
        bed.h?.stop();
        bed.receiver?.stop();
    });
    return {
        get h() {
            return started(bed.h);
        },
        get receiver() {
            return started(bed.receiver);
        },
        get inboundUrl() {
            return started(bed.inboundUrl);
        },
    };
}

function started<T>(value: T | undefined): T {
    if (value === undefined) throw new Error("the testbed starts in beforeAll: read it inside a test or hook");
    return value;
}
