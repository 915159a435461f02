import { createTwilioClient } from "common/twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, seed } from "../src";

// The Twilio Lookup stand-in, the second data source of lead validation next to Nexus, exercised through the
// real twilio helper library so its wire format is what production code parses.
let sandbox: Sandbox;
let server: ReturnType<typeof Bun.serve>;
let base: string;

beforeAll(() => {
    sandbox = createSandbox({ seed, publicUrl: "http://sandbox.test" });
    server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: sandbox.fetch });
    base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => {
    sandbox.close();
    server.stop(true);
});

const twilio = (authToken = seed.twilio.authToken) =>
    createTwilioClient({ accountSid: seed.twilio.accountSid, authToken, apiBaseUrl: base });

describe("Twilio Lookup v2 stand-in", () => {
    it("reports a possible number as a valid mobile, in Twilio's wire format", async () => {
        const result = await twilio().lookups.v2.phoneNumbers("+13125550100").fetch({
            fields: "line_type_intelligence",
        });
        expect(result.valid).toBe(true);
        expect(result.validationErrors).toEqual([]);
        expect(result.phoneNumber).toBe("+13125550100");
        expect(result.countryCode).toBe("US");
        expect(result.nationalFormat).toBe("(312) 555-0100");
        expect(result.lineTypeIntelligence).toMatchObject({ type: "mobile", carrierName: "Sandbox Wireless" });
    });

    it("honours the seed's lookup exceptions", async () => {
        const landline = await twilio().lookups.v2.phoneNumbers("+13125550177").fetch({
            fields: "line_type_intelligence",
        });
        expect(landline.lineTypeIntelligence?.type).toBe("landline");
        const invalid = await twilio().lookups.v2.phoneNumbers("+13125550178").fetch({
            fields: "line_type_intelligence",
        });
        expect(invalid.valid).toBe(false);
        expect(invalid.validationErrors).toEqual(["INVALID_BUT_POSSIBLE"]);
    });

    it("says why an impossible number is invalid, and omits line type unless asked", async () => {
        const short = await twilio().lookups.v2.phoneNumbers("12345").fetch();
        expect(short.valid).toBe(false);
        expect(short.validationErrors).toEqual(["TOO_SHORT"]);
        const plain = await twilio().lookups.v2.phoneNumbers("+13125550100").fetch();
        expect(plain.lineTypeIntelligence).toBeNull();
    });

    it("checks Basic auth against the seeded account and records calls as twilio", async () => {
        await expect(twilio("wrong-token").lookups.v2.phoneNumbers("+13125550100").fetch()).rejects.toMatchObject({
            status: 401,
            code: 20003,
        });
        const calls = sandbox.recorder.list({ service: "twilio" });
        expect(calls.some((c) => c.path === "/lookups/v2/PhoneNumbers/+13125550100")).toBe(true);
    });
});
