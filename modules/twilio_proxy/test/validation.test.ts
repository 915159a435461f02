import { ProxyErrorBody, SessionRequestSchema } from "common/twilio-proxy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProxy, type TestProxy } from "./helpers";

const CUSTOMER = "+12125550199";
const STORE = "+14155550199";

let proxy: TestProxy;
beforeAll(async () => {
    proxy = await startProxy();
});
afterAll(() => proxy.close());

async function expectBadRequest(body: unknown, path: string, messagePart?: RegExp) {
    const response = await proxy.post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const error = ProxyErrorBody.parse(await response.json());
    expect(error.code).toBe("invalid_request");
    const issue = error.issues?.find((entry) => entry.path === path);
    expect(issue, `no issue for ${path} in ${JSON.stringify(error.issues)}`).toBeDefined();
    if (messagePart) expect(issue?.message).toMatch(messagePart);
    expect(error.message).toContain(path);
    return error;
}

describe("POST /sessions input validation (400, nothing sent to Twilio)", () => {
    it.each([
        ["addresses missing", {}, "addresses", /required/],
        ["addresses not a list", { addresses: CUSTOMER }, "addresses", /list/],
        ["addresses empty", { addresses: [] }, "addresses", /at least one/],
        [
            "more than 50 addresses",
            { addresses: Array.from({ length: 51 }, (_, i) => `+1212555${String(i).padStart(4, "0")}`) },
            "addresses",
            /at most 50/,
        ],
        ["national format", { addresses: ["2125550199"] }, "addresses.0", /E\.164/],
        ["spaces", { addresses: [CUSTOMER, "+1 415 555 0199"] }, "addresses.1", /E\.164/],
        ["impossible length for the country", { addresses: ["+121255501"] }, "addresses.0", /possible/],
        ["not a string", { addresses: [12125550199] }, "addresses.0", /string/],
        ["duplicate address", { addresses: [CUSTOMER, STORE, CUSTOMER] }, "addresses.2", /duplicates addresses\.0/],
        ["attributes not JSON", { addresses: [CUSTOMER], attributes: "{oops" }, "attributes", /valid JSON/],
        ["attributes as an object", { addresses: [CUSTOMER], attributes: { a: 1 } }, "attributes", /string/],
        ["unknown state", { addresses: [CUSTOMER], state: "open" }, "state", /active/],
        [
            "flat timer not ISO-8601",
            { addresses: [CUSTOMER], "timers.inactive": "7 days" },
            "timers.inactive",
            /ISO-8601/,
        ],
        ["nested timer not ISO-8601", { addresses: [CUSTOMER], timers: { closed: "P" } }, "timers.closed", /ISO-8601/],
        [
            "flat and nested timers disagree",
            { addresses: [CUSTOMER], timers: { inactive: "P1D" }, "timers.inactive": "P2D" },
            "timers.inactive",
            /conflicts/,
        ],
        [
            "unknown nested timer",
            { addresses: [CUSTOMER], timers: { expire: "P1D" } },
            "timers.expire",
            /not a recognised/,
        ],
        ["unknown field", { addresses: [CUSTOMER], adresses: [STORE] }, "adresses", /not a recognised/],
        ["uniqueName with a slash", { addresses: [CUSTOMER], uniqueName: "lead/1" }, "uniqueName", /letters, digits/],
        [
            "uniqueName shaped like a conversation SID",
            { addresses: [CUSTOMER], uniqueName: `CH${"a".repeat(32)}` },
            "uniqueName",
            /conversation SID/,
        ],
        ["uniqueName empty", { addresses: [CUSTOMER], uniqueName: "" }, "uniqueName", /empty/],
        [
            "messagingServiceSid malformed",
            { addresses: [CUSTOMER], messagingServiceSid: "MG123" },
            "messagingServiceSid",
            /MG/,
        ],
        ["friendlyName too long", { addresses: [CUSTOMER], friendlyName: "x".repeat(257) }, "friendlyName", /256/],
        ["body is a list", [CUSTOMER], "(body)", /object/],
    ])("%s", async (_name, body, path, message) => {
        const before = proxy.fake.calls.length;
        await expectBadRequest(body, path, message);
        expect(proxy.fake.calls.length).toBe(before);
    });

    it("names every failing field at once", async () => {
        const error = await expectBadRequest(
            { addresses: ["nope"], state: "gone", attributes: "{", extra: true },
            "addresses.0",
        );
        expect(error.issues?.map((issue) => issue.path).sort()).toEqual([
            "addresses.0",
            "attributes",
            "extra",
            "state",
        ]);
        expect(error.message).toMatch(/addresses\.0: .*; .*state/);
    });

    it("answers 400 invalid_json for a body that is not JSON", async () => {
        const response = await proxy.post("{addresses: [");
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({
            code: "invalid_json",
            message: expect.stringMatching(/not valid JSON/),
        });
    });

    it("answers 400 invalid_json for an empty body", async () => {
        const response = await proxy.post("");
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ code: "invalid_json" });
    });

    it("answers 415 for a form-encoded body", async () => {
        const response = await proxy.post("addresses=%2B12125550199", {
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        expect(response.status).toBe(415);
        expect(await response.json()).toMatchObject({ code: "unsupported_media_type" });
    });
});

describe("SessionRequestSchema", () => {
    it("accepts flat dotted timers and a nested timers object alike", () => {
        const flat = SessionRequestSchema.parse({
            addresses: [CUSTOMER],
            "timers.inactive": "PT5M",
            "timers.closed": "P1D",
        });
        const nested = SessionRequestSchema.parse({
            addresses: [CUSTOMER],
            timers: { inactive: "PT5M", closed: "P1D" },
        });
        expect(flat).toEqual(nested);
        expect(flat.timers).toEqual({ inactive: "PT5M", closed: "P1D" });
    });

    it("accepts the same value given both ways", () => {
        const parsed = SessionRequestSchema.parse({
            addresses: [CUSTOMER],
            timers: { closed: "PT30S" },
            "timers.closed": "PT30S",
        });
        expect(parsed.timers.closed).toBe("PT30S");
    });

    it("keeps every Conversation option", () => {
        const parsed = SessionRequestSchema.parse({
            addresses: [CUSTOMER, STORE],
            friendlyName: "Web2Text",
            uniqueName: "lead-6f1c2b0e",
            attributes: '{"LeadIds":["x"]}',
            messagingServiceSid: `MG${"1".repeat(32)}`,
            state: "inactive",
        });
        expect(parsed).toEqual({
            addresses: [CUSTOMER, STORE],
            friendlyName: "Web2Text",
            uniqueName: "lead-6f1c2b0e",
            attributes: '{"LeadIds":["x"]}',
            messagingServiceSid: `MG${"1".repeat(32)}`,
            state: "inactive",
            timers: { inactive: undefined, closed: undefined },
        });
    });

    it("accepts exactly 50 addresses and non-NANP numbers", () => {
        const addresses = Array.from({ length: 49 }, (_, i) => `+1212555${String(i).padStart(4, "0")}`);
        expect(SessionRequestSchema.safeParse({ addresses: [...addresses, "+442071234567"] }).success).toBe(true);
    });
});
