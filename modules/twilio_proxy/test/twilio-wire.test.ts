/**
 * The proxy with the real `twilio` client (via `common/twilio`, redirected by `TWILIO_API_BASE_URL`) against
 * a minimal stand-in speaking Twilio's wire format: form-encoded requests, snake_case JSON, paging and
 * error bodies. It pins what a Twilio stand-in (the sandbox) must support for the proxy to work.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SessionResponseSchema } from "common/twilio-proxy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { messagingServicePool, NumberPool } from "../src/pool/number-pool";
import { createServer } from "../src/server";
import { createProxyTwilioClient, RATE_LIMIT_RETRIES } from "../src/twilio/client";
import { ACCOUNT_SID, MESSAGING_SERVICE_SID } from "./fake-twilio";
import { AUTH, basic, captureLogger } from "./helpers";

interface SeenRequest {
    method: string;
    path: string;
    query: Record<string, string>;
    form: Record<string, string>;
}

const CUSTOMER = "+12125550199";
const STORE = "+14155550199";
const POOL = ["+12125550101", "+12125550102", "+14155550101", "+14155550102"];

/** A Twilio stand-in with just the endpoints the proxy calls. */
class WireStub {
    seen: SeenRequest[] = [];
    /** Canned answers `METHOD path` → queue of [status, body]; otherwise the default behaviour. */
    canned = new Map<string, [number, unknown][]>();
    refusePairs = new Set<string>();
    existing: { conversation_sid: string; state: string; address: string; proxy_address: string }[] = [];
    private server = http.createServer((req, res) => this.handle(req, res));
    private counter = 0;
    url = "";

    async start() {
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    stop() {
        this.server.closeAllConnections();
        return new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    requests(method: string, pathPattern: RegExp) {
        return this.seen.filter((r) => r.method === method && pathPattern.test(r.path));
    }

    private sid(prefix: string) {
        this.counter += 1;
        return `${prefix}${this.counter.toString(16).padStart(32, "0")}`;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse) {
        let raw = "";
        req.on("data", (chunk) => {
            raw += chunk;
        });
        req.on("end", () => {
            const url = new URL(req.url ?? "/", this.url);
            const seen: SeenRequest = {
                method: req.method ?? "GET",
                path: url.pathname,
                query: Object.fromEntries(url.searchParams),
                form: Object.fromEntries(new URLSearchParams(raw)),
            };
            this.seen.push(seen);
            const [status, body] = this.answer(seen);
            res.writeHead(status, { "Content-Type": "application/json" });
            res.end(status === 204 ? undefined : JSON.stringify(body));
        });
    }

    private answer(r: SeenRequest): [number, unknown] {
        const canned = this.canned.get(`${r.method} ${r.path}`)?.shift();
        if (canned) return canned;
        const now = "2026-11-28T12:00:00Z";
        const conversationPath = r.path.match(/^\/conversations\/v1\/Conversations\/([^/]+)$/);
        const participantsPath = r.path.match(/^\/conversations\/v1\/Conversations\/([^/]+)\/Participants$/);
        if (r.method === "GET" && r.path === `/messaging/v1/Services/${MESSAGING_SERVICE_SID}/PhoneNumbers`) {
            const page = Number(r.query.Page ?? 0);
            const slice = page === 0 ? POOL.slice(0, 3) : POOL.slice(3);
            const base = `https://messaging.twilio.com/v1/Services/${MESSAGING_SERVICE_SID}/PhoneNumbers`;
            return [
                200,
                {
                    phone_numbers: slice.map((phone_number) => ({
                        sid: this.sid("PN"),
                        account_sid: ACCOUNT_SID,
                        service_sid: MESSAGING_SERVICE_SID,
                        phone_number,
                        country_code: "US",
                        capabilities: ["SMS"],
                        date_created: now,
                        date_updated: now,
                        url: `${base}/PN`,
                    })),
                    meta: {
                        page,
                        page_size: 3,
                        first_page_url: `${base}?PageSize=3&Page=0`,
                        previous_page_url: null,
                        url: `${base}?PageSize=3&Page=${page}`,
                        next_page_url: page === 0 ? `${base}?PageSize=3&Page=1&PageToken=PT1` : null,
                        key: "phone_numbers",
                    },
                },
            ];
        }
        if (r.method === "GET" && r.path === "/conversations/v1/ParticipantConversations") {
            const mine = this.existing.filter((entry) => entry.address === r.query.Address);
            return [
                200,
                {
                    conversations: mine.map((entry) => ({
                        account_sid: ACCOUNT_SID,
                        chat_service_sid: "IS0",
                        participant_sid: "MB0",
                        participant_user_sid: null,
                        participant_identity: null,
                        participant_messaging_binding: {
                            type: "sms",
                            address: entry.address,
                            proxy_address: entry.proxy_address,
                        },
                        conversation_sid: entry.conversation_sid,
                        conversation_unique_name: null,
                        conversation_friendly_name: null,
                        conversation_attributes: "{}",
                        conversation_date_created: now,
                        conversation_date_updated: now,
                        conversation_created_by: "system",
                        conversation_state: entry.state,
                        conversation_timers: {},
                        links: {},
                    })),
                    meta: { page: 0, page_size: 50, next_page_url: null, key: "conversations" },
                },
            ];
        }
        if (r.method === "GET" && conversationPath) {
            return [404, { code: 20404, message: "The requested resource was not found", more_info: "", status: 404 }];
        }
        if (r.method === "POST" && r.path === "/conversations/v1/Conversations") {
            return [
                201,
                {
                    sid: this.sid("CH"),
                    account_sid: ACCOUNT_SID,
                    chat_service_sid: "IS0",
                    messaging_service_sid: r.form.MessagingServiceSid ?? null,
                    friendly_name: r.form.FriendlyName ?? null,
                    unique_name: r.form.UniqueName ?? null,
                    attributes: r.form.Attributes ?? "{}",
                    state: r.form.State ?? "active",
                    date_created: now,
                    date_updated: now,
                    timers: { date_inactive: "2026-11-28T12:10:00Z", date_closed: null },
                    url: "https://conversations.twilio.com/v1/Conversations/CH",
                    links: {},
                    bindings: null,
                },
            ];
        }
        if (r.method === "POST" && participantsPath) {
            const address = r.form["MessagingBinding.Address"] ?? "";
            const proxy = r.form["MessagingBinding.ProxyAddress"] ?? "";
            if (this.refusePairs.has(`${address}|${proxy}`)) {
                return [409, { code: 50416, message: "pair already in use", more_info: "", status: 409 }];
            }
            return [
                201,
                {
                    sid: this.sid("MB"),
                    account_sid: ACCOUNT_SID,
                    conversation_sid: participantsPath[1],
                    identity: null,
                    attributes: "{}",
                    messaging_binding: { type: "sms", address, proxy_address: proxy },
                    role_sid: null,
                    date_created: now,
                    date_updated: now,
                    url: "",
                    last_read_message_index: null,
                    last_read_timestamp: null,
                },
            ];
        }
        if (r.method === "DELETE" && conversationPath) return [204, null];
        return [404, { code: 20404, message: `no stub for ${r.method} ${r.path}`, more_info: "", status: 404 }];
    }
}

const TOO_MANY_REQUESTS: [number, unknown] = [
    429,
    { code: 20429, message: "Too Many Requests", more_info: "", status: 429 },
];

const stub = new WireStub();
let proxyUrl = "";
let pool: NumberPool;
let closeProxy: () => Promise<void> = async () => {};

beforeAll(async () => {
    await stub.start();
    const twilio = createProxyTwilioClient({
        accountSid: ACCOUNT_SID,
        authToken: "wire-test-token",
        apiBaseUrl: stub.url,
    });
    const { logger } = captureLogger();
    pool = new NumberPool({
        source: messagingServicePool(twilio, MESSAGING_SERVICE_SID),
        logger,
        refreshSeconds: 300,
    });
    await pool.load();
    const server = createServer({
        twilio,
        pool,
        auth: AUTH,
        logger,
        messagingServiceSid: MESSAGING_SERVICE_SID,
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closeProxy = () =>
        new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        });
});
afterAll(async () => {
    await closeProxy();
    await stub.stop();
});
beforeEach(() => {
    stub.seen = [];
    stub.canned.clear();
    stub.refusePairs.clear();
    stub.existing = [];
});

const post = (body: unknown) =>
    fetch(`${proxyUrl}/sessions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: basic(AUTH.username, AUTH.password) },
        body: JSON.stringify(body),
    });

describe("against Twilio's wire format through the real twilio client", () => {
    it("loaded the pool across pages", async () => {
        const health = await fetch(`${proxyUrl}/health`);
        expect(await health.json()).toEqual({ status: "ok", poolSize: 4 });
    });

    it("creates a session: busy lookup, create form, participants with bindings, 50416 fallback", async () => {
        stub.existing = [
            { conversation_sid: "CH1", state: "active", address: CUSTOMER, proxy_address: "+12125550101" },
            { conversation_sid: "CH2", state: "closed", address: STORE, proxy_address: "+14155550101" },
        ];
        stub.refusePairs.add(`${STORE}|+14155550101`);
        const response = await post({
            addresses: [CUSTOMER, STORE],
            uniqueName: "lead-42",
            friendlyName: "Web2Text",
            attributes: '{"LeadIds":["42"]}',
            timers: { inactive: "PT5M", closed: "PT10M" },
        });
        const text = await response.text();
        expect(response.status, text).toBe(200);
        const body = SessionResponseSchema.parse(JSON.parse(text));
        expect(body).toMatchObject({
            uniqueName: "lead-42",
            friendlyName: "Web2Text",
            attributes: '{"LeadIds":["42"]}',
            state: "active",
            dateCreated: "2026-11-28T12:00:00.000Z",
            timers: { dateInactive: "2026-11-28T12:10:00Z", dateClosed: null },
            messagingServiceSid: MESSAGING_SERVICE_SID,
            created: true,
        });
        expect(body.participants.map((p) => [p.address, p.proxyAddress])).toEqual([
            [CUSTOMER, "+12125550102"],
            [STORE, "+14155550102"],
        ]);

        expect(stub.requests("GET", /^\/conversations\/v1\/Conversations\/lead-42$/)).toHaveLength(1);
        expect(
            stub
                .requests("GET", /ParticipantConversations$/)
                .map((r) => r.query.Address)
                .sort(),
        ).toEqual([CUSTOMER, STORE].sort());
        expect(stub.requests("POST", /^\/conversations\/v1\/Conversations$/)[0]?.form).toEqual({
            FriendlyName: "Web2Text",
            UniqueName: "lead-42",
            Attributes: '{"LeadIds":["42"]}',
            MessagingServiceSid: MESSAGING_SERVICE_SID,
            "Timers.Inactive": "PT5M",
            "Timers.Closed": "PT10M",
        });
        const adds = stub.requests("POST", /\/Participants$/).map((r) => r.form);
        expect(adds).toContainEqual({
            "MessagingBinding.Address": STORE,
            "MessagingBinding.ProxyAddress": "+14155550101",
        });
        expect(adds).toContainEqual({
            "MessagingBinding.Address": STORE,
            "MessagingBinding.ProxyAddress": "+14155550102",
        });
    });

    it("retries 429s from Twilio (the twilio library's retry) and then succeeds", async () => {
        stub.canned.set("POST /conversations/v1/Conversations", [TOO_MANY_REQUESTS, TOO_MANY_REQUESTS]);
        stub.canned.set("GET /conversations/v1/ParticipantConversations", [TOO_MANY_REQUESTS]);
        const ok = await post({ addresses: [CUSTOMER] });
        expect(ok.status, await ok.clone().text()).toBe(200);
        expect(stub.requests("POST", /^\/conversations\/v1\/Conversations$/)).toHaveLength(3);
        expect(stub.requests("GET", /ParticipantConversations$/)).toHaveLength(2);
        expect(stub.requests("POST", /\/Participants$/)).toHaveLength(1);
    });

    it("gives up after 5 attempts in all and answers 503 twilio_rate_limited with Retry-After", async () => {
        const attempts = RATE_LIMIT_RETRIES + 1;
        stub.canned.set(
            "POST /conversations/v1/Conversations",
            Array.from({ length: attempts + 1 }, () => TOO_MANY_REQUESTS),
        );
        const response = await post({ addresses: [CUSTOMER] });
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("5");
        expect(await response.json()).toMatchObject({
            code: "twilio_rate_limited",
            twilioStatus: 429,
            twilioCode: 20429,
        });
        expect(attempts).toBe(5);
        expect(stub.requests("POST", /^\/conversations\/v1\/Conversations$/)).toHaveLength(attempts);
        expect(stub.requests("POST", /\/Participants$/)).toHaveLength(0);
    });

    it("retries a rate-limited read of the pool the same way", async () => {
        const path = `/messaging/v1/Services/${MESSAGING_SERVICE_SID}/PhoneNumbers`;
        stub.canned.set(`GET ${path}`, [TOO_MANY_REQUESTS]);
        await expect(pool.refresh()).resolves.toBe(true);
        expect(pool.size).toBe(4);
        expect(stub.requests("GET", new RegExp(`^${path}$`))).toHaveLength(3);
    });

    it("maps other errors to 502 with Twilio's code, without retrying them", async () => {
        stub.canned.set("POST /conversations/v1/Conversations", [
            [400, { code: 50301, message: "Invalid Timers.Inactive", more_info: "", status: 400 }],
        ]);
        const rejected = await post({ addresses: [CUSTOMER] });
        expect(rejected.status).toBe(502);
        expect(await rejected.json()).toMatchObject({ code: "twilio_error", twilioStatus: 400, twilioCode: 50301 });
        expect(stub.requests("POST", /^\/conversations\/v1\/Conversations$/)).toHaveLength(1);
    });

    it("deletes the conversation when a participant fails", async () => {
        const conversationSid = "CH00000000000000000000000000000abc";
        stub.canned.set(`POST /conversations/v1/Conversations`, [
            [
                201,
                {
                    sid: conversationSid,
                    account_sid: ACCOUNT_SID,
                    attributes: "{}",
                    state: "active",
                    date_created: "2026-11-28T12:00:00Z",
                },
            ],
        ]);
        stub.canned.set(`POST /conversations/v1/Conversations/${conversationSid}/Participants`, [
            [400, { code: 50407, message: "Invalid messaging binding", more_info: "", status: 400 }],
        ]);
        const response = await post({ addresses: [CUSTOMER] });
        expect(response.status).toBe(502);
        expect(stub.requests("DELETE", new RegExp(`/Conversations/${conversationSid}$`))).toHaveLength(1);
    });
});
