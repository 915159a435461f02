import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, withRateLimitRetry } from "../src/twilio/retry";
import { rateLimited, twilioError } from "./fake-twilio";
import { instantRetry } from "./helpers";

function failing(...errors: Error[]) {
    let calls = 0;
    const run = async () => {
        calls++;
        const error = errors.shift();
        if (error) throw error;
        return "done";
    };
    return { run, calls: () => calls };
}

describe("withRateLimitRetry", () => {
    it("retries 429 and returns the eventual answer", async () => {
        const policy = instantRetry();
        const call = failing(rateLimited(), rateLimited());
        await expect(withRateLimitRetry(call.run, policy)).resolves.toBe("done");
        expect(call.calls()).toBe(3);
        expect(policy.delays).toEqual([500, 1000]);
    });

    it("stops after the configured number of attempts and rethrows the 429", async () => {
        const policy = instantRetry({ attempts: 3 });
        const call = failing(rateLimited(), rateLimited(), rateLimited(), rateLimited());
        await expect(withRateLimitRetry(call.run, policy)).rejects.toMatchObject({ status: 429 });
        expect(call.calls()).toBe(3);
    });

    it.each([
        ["a Twilio 400", twilioError(400, 21211, "Invalid number")],
        ["a Twilio 409", twilioError(409, 50416, "pair in use")],
        ["a Twilio 500", twilioError(500, 20500, "Internal Server Error")],
        ["a network error", new Error("socket hang up")],
    ])("does not retry %s", async (_name, error) => {
        const policy = instantRetry();
        const call = failing(error);
        await expect(withRateLimitRetry(call.run, policy)).rejects.toBe(error);
        expect(call.calls()).toBe(1);
        expect(policy.delays).toEqual([]);
    });

    it("backs off exponentially with jitter, capped", () => {
        const top = { ...DEFAULT_RETRY_POLICY, random: () => 1 };
        const bottom = { ...DEFAULT_RETRY_POLICY, random: () => 0 };
        expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(top, retry))).toEqual([
            500, 1000, 2000, 4000, 8000, 8000,
        ]);
        expect([1, 2, 3].map((retry) => backoffDelay(bottom, retry))).toEqual([250, 500, 1000]);
        expect(DEFAULT_RETRY_POLICY.attempts).toBe(5);
    });
});
