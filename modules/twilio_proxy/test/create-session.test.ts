import { ProxyErrorBody, type SessionResponse, SessionResponseSchema } from "common/twilio-proxy";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTwilio, MESSAGING_SERVICE_SID, rateLimited, twilioError } from "./fake-twilio";
import { POOL, startProxy, type TestProxy } from "./helpers";

const CUSTOMER = "+12125550199"; // New York
const STORE = "+14155550199"; // San Francisco
const TORONTO_CUSTOMER = "+14165550199";

const running: TestProxy[] = [];
async function proxyWith(fake = new FakeTwilio([...POOL])): Promise<TestProxy> {
    const proxy = await startProxy({ fake });
    running.push(proxy);
    return proxy;
}
afterEach(async () => {
    await Promise.all(running.splice(0).map((proxy) => proxy.close()));
});

async function session(response: Response): Promise<SessionResponse> {
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return SessionResponseSchema.parse(JSON.parse(text));
}

async function failure(response: Response, status: number) {
    const text = await response.text();
    expect(response.status, text).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    return ProxyErrorBody.parse(JSON.parse(text));
}

const proxyOf = (body: SessionResponse, address: string) =>
    body.participants.find((participant) => participant.address === address)?.proxyAddress;

describe("POST /sessions: creating a session", () => {
    it("creates the conversation with the caller's options and gives each participant its nearest pool number", async () => {
        const { post, fake } = await proxyWith();
        const body = await session(
            await post({
                addresses: [CUSTOMER, STORE],
                friendlyName: "Web2Text lead",
                attributes: '{"LeadIds":["lead-1"]}',
                "timers.inactive": "PT10M",
                timers: { closed: "P1D" },
            }),
        );
        expect(body).toMatchObject({
            friendlyName: "Web2Text lead",
            attributes: '{"LeadIds":["lead-1"]}',
            state: "active",
            uniqueName: null,
            created: true,
            messagingServiceSid: MESSAGING_SERVICE_SID,
        });
        expect(body.sid).toMatch(/^CH[0-9a-f]{32}$/);
        expect(body.dateCreated).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(body.participants).toEqual([
            { sid: expect.stringMatching(/^MB/), address: CUSTOMER, proxyAddress: "+12125550101" },
            { sid: expect.stringMatching(/^MB/), address: STORE, proxyAddress: "+14155550101" },
        ]);
        expect(fake.callsOf("conversations.create")[0]?.args).toEqual({
            friendlyName: "Web2Text lead",
            attributes: '{"LeadIds":["lead-1"]}',
            messagingServiceSid: MESSAGING_SERVICE_SID,
            "timers.inactive": "PT10M",
            "timers.closed": "P1D",
        });
        expect(fake.store.get(body.sid)?.participants).toHaveLength(2);
    });

    it("skips numbers the participant uses in active or inactive conversations, but not closed ones", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.seed({ participants: [{ address: CUSTOMER, proxyAddress: "+12125550101" }], state: "active" });
        fake.seed({ participants: [{ address: CUSTOMER, proxyAddress: "+12125550102" }], state: "inactive" });
        fake.seed({ participants: [{ address: CUSTOMER, proxyAddress: "+12125550103" }], state: "closed" });
        const { post } = await proxyWith(fake);
        const body = await session(await post({ addresses: [CUSTOMER] }));
        expect(proxyOf(body, CUSTOMER)).toBe("+12125550103");
    });

    it("honours a messagingServiceSid given by the caller", async () => {
        const { post, fake } = await proxyWith();
        const other = `MG${"2".repeat(32)}`;
        await session(await post({ addresses: [CUSTOMER], messagingServiceSid: other }));
        expect(fake.callsOf("conversations.create")[0]?.args.messagingServiceSid).toBe(other);
    });
});

describe("POST /sessions: 50416 fallback and rollback", () => {
    it("moves to the next candidate when Twilio says the pair is already in use", async () => {
        const fake = new FakeTwilio([...POOL]);
        // Another process paired the store with the SF number after our busy lookup: only Twilio knows.
        fake.failWhen("participants.create", (args) =>
            args.address === STORE && args.proxyAddress === "+14155550101"
                ? twilioError(409, 50416, "Participant and proxy address pair already in use")
                : undefined,
        );
        const { post } = await proxyWith(fake);
        const body = await session(await post({ addresses: [CUSTOMER, STORE] }));
        expect(proxyOf(body, STORE)).toBe("+14155550102");
        expect(fake.errors).toContainEqual({ op: "participants.create", code: 50416 });
        expect(fake.callsOf("participants.create").filter((call) => call.args.address === STORE)).toHaveLength(2);
    });

    it("deletes the conversation and answers 502 with Twilio's code when a participant cannot be added", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failWhen("participants.create", (args) =>
            args.address === STORE ? twilioError(400, 50407, "Invalid messaging binding address") : undefined,
        );
        const { post } = await proxyWith(fake);
        const error = await failure(await post({ addresses: [CUSTOMER, STORE] }), 502);
        expect(error).toMatchObject({ code: "twilio_error", twilioStatus: 400, twilioCode: 50407 });
        expect(error.message).toMatch(/Invalid messaging binding address.*deleted/);
        expect(fake.callsOf("conversations.remove")).toEqual([
            { op: "conversations.remove", args: { sid: error.conversationSid } },
        ]);
        expect(fake.store.size).toBe(0);
    });

    it("rolls back with 503 when every candidate of a participant is refused with 50416", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failWhen("participants.create", (args) =>
            args.address === TORONTO_CUSTOMER ? twilioError(409, 50416, "pair in use") : undefined,
        );
        const { post } = await proxyWith(fake);
        const error = await failure(await post({ addresses: [TORONTO_CUSTOMER, STORE] }), 503);
        expect(error.code).toBe("pool_exhausted");
        expect(error.message).toContain("+*******0199");
        expect(error.message).not.toContain(TORONTO_CUSTOMER);
        // All three Canadian numbers were tried; no US number was.
        const tried = fake.callsOf("participants.create").filter((call) => call.args.address === TORONTO_CUSTOMER);
        expect(tried.map((call) => call.args.proxyAddress)).toEqual(["+14165550101", "+14165550102", "+16475550101"]);
        expect(fake.store.size).toBe(0);
    });

    it("still answers with the participant's failure when the rollback itself fails", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failWhen("participants.create", (args) =>
            args.address === STORE ? twilioError(500, 20500, "Internal Server Error") : undefined,
        );
        fake.failNext("conversations.remove", twilioError(500, 20500, "Internal Server Error"));
        const proxy = await proxyWith(fake);
        const error = await failure(await proxy.post({ addresses: [CUSTOMER, STORE] }), 502);
        expect(error.message).toMatch(/kept/);
        expect(proxy.lines.join("\n")).toContain("Rollback failed");
    });
});

describe("POST /sessions: pool exhaustion", () => {
    it("answers 503 naming the masked number, before creating anything, when all its country's numbers are busy", async () => {
        const fake = new FakeTwilio([...POOL]);
        for (const proxyAddress of ["+14165550101", "+14165550102", "+16475550101"]) {
            fake.seed({ participants: [{ address: TORONTO_CUSTOMER, proxyAddress }] });
        }
        const { post } = await proxyWith(fake);
        const error = await failure(await post({ addresses: [CUSTOMER, TORONTO_CUSTOMER] }), 503);
        expect(error).toEqual({
            code: "pool_exhausted",
            message:
                "No free pool number for +*******0199: all 3 pool numbers of its country are in use by it or being assigned to it",
        });
        expect(fake.callsOf("conversations.create")).toHaveLength(0);
    });

    it("answers 503 for a participant from a country the pool does not cover", async () => {
        const { post, fake } = await proxyWith();
        const error = await failure(await post({ addresses: ["+442071234567"] }), 503);
        expect(error.message).toBe("No free pool number for +********4567: the pool has no number in its country");
        expect(fake.callsOf("conversations.create")).toHaveLength(0);
    });
});

describe("POST /sessions: Twilio failures", () => {
    it("answers a 429 that outlived the twilio library's retries with 503 and Retry-After, adding none of its own", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failNext("conversations.create", rateLimited());
        const proxy = await proxyWith(fake);
        const response = await proxy.post({ addresses: [CUSTOMER] });
        expect(response.headers.get("retry-after")).toBe("5");
        const error = await failure(response, 503);
        expect(error).toMatchObject({ code: "twilio_rate_limited", twilioStatus: 429 });
        expect(fake.callsOf("conversations.create")).toHaveLength(1);
        expect(fake.store.size).toBe(0);
    });

    it("does not retry other Twilio errors and answers 502 with Twilio's status and code", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failNext("conversations.create", twilioError(400, 50301, "Invalid Timers.Inactive"));
        const { post } = await proxyWith(fake);
        const error = await failure(await post({ addresses: [CUSTOMER] }), 502);
        expect(error).toEqual({
            code: "twilio_error",
            message: "Twilio rejected creating the conversation: Invalid Timers.Inactive",
            twilioStatus: 400,
            twilioCode: 50301,
        });
        expect(fake.callsOf("conversations.create")).toHaveLength(1);
    });

    it("does not retry Twilio 5xx either", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failNext("participantConversations.list", twilioError(503, 20503, "Service Unavailable"));
        const { post } = await proxyWith(fake);
        const error = await failure(await post({ addresses: [CUSTOMER] }), 502);
        expect(error).toMatchObject({ code: "twilio_error", twilioStatus: 503 });
        expect(fake.callsOf("participantConversations.list")).toHaveLength(1);
    });

    it("answers 502 twilio_unreachable when Twilio cannot be reached", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failNext(
            "conversations.create",
            Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" }),
        );
        const { post } = await proxyWith(fake);
        const error = await failure(await post({ addresses: [CUSTOMER] }), 502);
        expect(error.code).toBe("twilio_unreachable");
        expect(error.message).toContain("ECONNREFUSED");
    });
});

describe("POST /sessions: idempotency by uniqueName", () => {
    const request = {
        addresses: [CUSTOMER, STORE],
        uniqueName: "lead-6f1c2b0e",
        attributes: '{"LeadIds":["6f1c2b0e"]}',
    };

    it("returns the existing conversation to a retried request instead of creating a second one", async () => {
        const { post, fake } = await proxyWith();
        const first = await session(await post(request));
        const second = await session(await post(request));
        expect(first.created).toBe(true);
        expect(second.created).toBe(false);
        expect(second.sid).toBe(first.sid);
        expect(second.participants).toEqual(first.participants);
        expect(fake.callsOf("conversations.create")).toHaveLength(1);
        expect(fake.store.size).toBe(1);
    });

    it("completes a conversation an earlier attempt left half-built", async () => {
        const fake = new FakeTwilio([...POOL]);
        const leftover = fake.seed({
            uniqueName: request.uniqueName,
            participants: [{ address: CUSTOMER, proxyAddress: "+12125550101" }],
        });
        const { post } = await proxyWith(fake);
        const body = await session(await post(request));
        expect(body).toMatchObject({ sid: leftover.sid, created: false });
        expect(body.participants.map((p) => [p.address, p.proxyAddress])).toEqual([
            [CUSTOMER, "+12125550101"],
            [STORE, "+14155550101"],
        ]);
        expect(fake.callsOf("conversations.create")).toHaveLength(0);
        expect(fake.callsOf("participants.create")).toHaveLength(1);
    });

    it("answers 409 when the conversation with that uniqueName is closed", async () => {
        const fake = new FakeTwilio([...POOL]);
        const closed = fake.seed({ uniqueName: request.uniqueName, participants: [], state: "closed" });
        const { post } = await proxyWith(fake);
        const error = await failure(await post(request), 409);
        expect(error).toMatchObject({ code: "conversation_closed", conversationSid: closed.sid });
        expect(fake.callsOf("conversations.create")).toHaveLength(0);
    });

    it("creates one conversation for simultaneous requests with the same uniqueName", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.latencyMs = 5;
        const { post } = await proxyWith(fake);
        const bodies = await Promise.all(
            [post(request), post(request), post(request)].map(async (r) => session(await r)),
        );
        expect(new Set(bodies.map((body) => body.sid)).size).toBe(1);
        expect(bodies.filter((body) => body.created)).toHaveLength(1);
        expect(fake.store.size).toBe(1);
    });

    it("recovers when another process creates the same uniqueName first (50353)", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.latencyMs = 5;
        const [a, b] = [await proxyWith(fake), await proxyWith(fake)];
        const bodies = await Promise.all([a.post(request), b.post(request)].map(async (r) => session(await r)));
        expect(bodies[0]?.sid).toBe(bodies[1]?.sid);
        expect(fake.store.size).toBe(1);
        expect(fake.errors).toContainEqual({ op: "conversations.create", code: 50353 });
        const storeProxies = fake.store
            .values()
            .next()
            .value?.participants.map((p) => p.address);
        expect(storeProxies?.sort()).toEqual([CUSTOMER, STORE].sort());
    });
});

describe("POST /sessions: concurrency", () => {
    it("gives two simultaneous sessions of the same store different proxy numbers, without a 50416", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.latencyMs = 5;
        const { post } = await proxyWith(fake);
        const [one, two] = await Promise.all([
            post({ addresses: ["+12125550198", STORE] }).then(session),
            post({ addresses: ["+12125550197", STORE] }).then(session),
        ]);
        expect(proxyOf(one, STORE)).toMatch(/^\+1415/);
        expect(proxyOf(two, STORE)).toMatch(/^\+1415/);
        expect(proxyOf(one, STORE)).not.toBe(proxyOf(two, STORE));
        expect(fake.errors).toEqual([]);
    });

    it("spreads five simultaneous sessions of one store over five numbers, nearest first", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.latencyMs = 3;
        const { post } = await proxyWith(fake);
        const storeNy = "+12125550150";
        const bodies = await Promise.all(
            [1, 2, 3, 4, 5].map((i) => post({ addresses: [`+1917555020${i}`, storeNy] }).then(session)),
        );
        const used = bodies.map((body) => proxyOf(body, storeNy));
        expect(new Set(used).size).toBe(5);
        // The five nearest New York numbers: the 212s and the 646 and 917 (same centre) before New Jersey.
        expect(used.sort()).toEqual(["+12125550101", "+12125550102", "+12125550103", "+12125550104", "+16465550101"]);
        expect(fake.errors).toEqual([]);
    });

    it("two processes sharing Twilio still diverge, through the 50416 fallback", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.latencyMs = 5;
        const [a, b] = [await proxyWith(fake), await proxyWith(fake)];
        const [one, two] = await Promise.all([
            a.post({ addresses: ["+12125550198", STORE] }).then(session),
            b.post({ addresses: ["+12125550197", STORE] }).then(session),
        ]);
        expect(proxyOf(one, STORE)).not.toBe(proxyOf(two, STORE));
        for (const [address, proxy] of [...one.participants, ...two.participants].map((p) => [
            p.address,
            p.proxyAddress,
        ])) {
            expect(fake.openConversationsWithPair(address ?? "", proxy ?? "")).toHaveLength(1);
        }
    });

    it("frees the claims of a failed request, so a retry gets the best numbers again", async () => {
        const fake = new FakeTwilio([...POOL]);
        fake.failNext("participants.create", twilioError(400, 50407, "Invalid messaging binding address"));
        const { post } = await proxyWith(fake);
        await failure(await post({ addresses: [CUSTOMER] }), 502);
        const retried = await session(await post({ addresses: [CUSTOMER] }));
        expect(proxyOf(retried, CUSTOMER)).toBe("+12125550101");
    });
});
