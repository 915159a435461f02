import { describe, expect, it } from "vitest";
import { TwilioPhoneLookup } from "../../../src/clients/twilio/phone-lookup.client";

/** A stand-in for the twilio client's `lookups.v2.phoneNumbers(n).fetch()`, counting calls. */
function fakeTwilio(answer: (n: string) => Promise<unknown>) {
    const calls: string[] = [];
    const twilio = {
        lookups: {
            v2: {
                phoneNumbers: (n: string) => ({
                    fetch: async (params: { fields?: string }) => {
                        calls.push(`${n} ${params.fields}`);
                        return answer(n);
                    },
                }),
            },
        },
    };
    return { twilio, calls };
}

const mobile = { valid: true, validationErrors: [], lineTypeIntelligence: { type: "mobile", errorCode: null } };

describe("Twilio phone lookup", () => {
    it("asks for line type intelligence and reduces the answer", async () => {
        const { twilio, calls } = fakeTwilio(async () => mobile);
        const lookup = new TwilioPhoneLookup(twilio);
        expect(await lookup.lookup("+13125550123")).toEqual({
            valid: true,
            validationErrors: [],
            lineType: "mobile",
            lineTypeErrorCode: null,
        });
        expect(calls).toEqual(["+13125550123 line_type_intelligence"]);
    });

    it("caches answers for a week", async () => {
        let now = 0;
        const { twilio, calls } = fakeTwilio(async () => mobile);
        const lookup = new TwilioPhoneLookup(twilio, { now: () => now });
        await lookup.lookup("+13125550123");
        now += 6 * 24 * 3600 * 1000;
        await lookup.lookup("+13125550123");
        expect(calls).toHaveLength(1);
        now += 2 * 24 * 3600 * 1000;
        await lookup.lookup("+13125550123");
        expect(calls).toHaveLength(2);
    });

    it("maps Twilio errors to typed vendor failures", async () => {
        const rest = (status: number) => Object.assign(new Error("Twilio says"), { status, code: 20000 + status });
        for (const [error, kind] of [
            [rest(503), "unavailable"],
            [rest(429), "rate-limited"],
            [rest(400), "rejected"],
            [new Error("socket hang up"), "unavailable"],
        ] as const) {
            const { twilio } = fakeTwilio(async () => {
                throw error;
            });
            await expect(new TwilioPhoneLookup(twilio).lookup("+13125550123")).rejects.toMatchObject({ kind });
        }
    });

    it("treats a missing line type as unknown", async () => {
        const { twilio } = fakeTwilio(async () => ({
            valid: false,
            validationErrors: ["TOO_SHORT"],
            lineTypeIntelligence: null,
        }));
        expect(await new TwilioPhoneLookup(twilio).lookup("+1312")).toMatchObject({ valid: false, lineType: null });
    });
});
