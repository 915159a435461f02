import { describe, expect, it } from "vitest";
import { VendorError } from "../../../src/clients/http";
import { callTwilio, twilioFailure, twilioVendorError } from "../../../src/clients/twilio/twilio-errors";

/** A failure shaped like the `twilio` library's RestException. */
const rest = (status: number, code?: number, message = "Twilio says") =>
    Object.assign(new Error(message), { status, ...(code === undefined ? {} : { code }) });

describe("Twilio error mapping", () => {
    it.each([
        [429, "rate-limited", true],
        [500, "unavailable", true],
        [503, "unavailable", true],
        [400, "rejected", false],
        [404, "rejected", false],
    ] as const)("maps HTTP %d to %s", (status, kind, retryable) => {
        const error = twilioVendorError("fetching conversation CH1", rest(status, 20000 + status));
        expect(error).toBeInstanceOf(VendorError);
        expect(error).toMatchObject({ vendor: "Twilio", kind, status, retryable });
        expect(error.message).toBe(
            `Twilio: fetching conversation CH1 answered ${status} (code ${20000 + status}): Twilio says`,
        );
    });

    it("treats a failure without a status (network, timeout) as unavailability, retried", () => {
        const error = twilioVendorError("looking up a number", new Error("socket hang up"), "Twilio Lookup");
        expect(error).toMatchObject({ vendor: "Twilio Lookup", kind: "unavailable", retryable: true });
        expect(error.message).toBe("Twilio Lookup: looking up a number failed: socket hang up");
    });

    it("reads status and code of a REST error only", () => {
        expect(twilioFailure(rest(400, 50433))).toEqual({ status: 400, code: 50433 });
        expect(twilioFailure(rest(404))).toEqual({ status: 404, code: undefined });
        expect(twilioFailure(new Error("socket hang up"))).toBeUndefined();
    });

    it("wraps a call: its value passes, its failure is mapped", async () => {
        expect(await callTwilio("listing", async () => 7)).toBe(7);
        await expect(
            callTwilio("listing messages of CH1", async () => Promise.reject(rest(404, 20404, "not found"))),
        ).rejects.toMatchObject({ kind: "rejected", status: 404 });
    });
});
