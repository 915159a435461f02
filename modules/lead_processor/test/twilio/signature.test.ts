import type * as restate from "@restatedev/restate-sdk";
import { TerminalError } from "@restatedev/restate-sdk";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { isValidTwilioSignature, requireTwilioSignature } from "../../src/services/twilio-webhooks/twilio-signature";

const TOKEN = "sandbox-twilio-auth-token-0001";
const INGRESS = "http://127.0.0.1:8080";
const URL_SYNC = `${INGRESS}/TwilioWebhooks/sync`;
const PARAMS = {
    EventType: "onMessageAdded",
    ConversationSid: "CH00000000000000000000000000000001",
    Body: "Hi & welcome — ünïcode",
};
const sign = (url: string, params: Record<string, string>, token = TOKEN) =>
    twilio.getExpectedTwilioSignature(token, url, params);

function ctxWith(headers: Record<string, string>): Pick<restate.Context, "request"> {
    const request = { headers: new Map(Object.entries(headers)) } as unknown as ReturnType<restate.Context["request"]>;
    return { request: () => request };
}

function rejection(run: () => void): TerminalError {
    try {
        run();
    } catch (error) {
        if (error instanceof TerminalError) return error;
        throw error;
    }
    throw new Error("expected a rejection");
}

describe("Twilio signature check", () => {
    it("accepts the signature Twilio computes for the URL and form", () => {
        expect(isValidTwilioSignature(TOKEN, sign(URL_SYNC, PARAMS), URL_SYNC, PARAMS)).toBe(true);
    });

    it("rejects a tampered parameter, an added parameter, another URL, another token and no signature", () => {
        const signature = sign(URL_SYNC, PARAMS);
        expect(isValidTwilioSignature(TOKEN, signature, URL_SYNC, { ...PARAMS, Body: "Hi" })).toBe(false);
        expect(isValidTwilioSignature(TOKEN, signature, URL_SYNC, { ...PARAMS, Extra: "1" })).toBe(false);
        expect(isValidTwilioSignature(TOKEN, signature, `${INGRESS}/TwilioWebhooks/close`, PARAMS)).toBe(false);
        expect(isValidTwilioSignature(TOKEN, sign(URL_SYNC, PARAMS, "other-token"), URL_SYNC, PARAMS)).toBe(false);
        expect(isValidTwilioSignature(TOKEN, undefined, URL_SYNC, PARAMS)).toBe(false);
        expect(isValidTwilioSignature(TOKEN, "", URL_SYNC, PARAMS)).toBe(false);
    });

    it("checks the handler's public URL and answers 401 for a missing or wrong signature", () => {
        const settings = { authToken: TOKEN, publicIngressUrl: `${INGRESS}/` };
        const good = ctxWith({ "x-twilio-signature": sign(URL_SYNC, PARAMS) });
        expect(() => requireTwilioSignature(good, settings, "sync", PARAMS)).not.toThrow();

        const wrongHandler = rejection(() => requireTwilioSignature(good, settings, "close", PARAMS));
        expect(wrongHandler.code).toBe(401);
        expect(wrongHandler.message).toBe("Twilio request validation failed");

        const missing = rejection(() => requireTwilioSignature(ctxWith({}), settings, "sync", PARAMS));
        expect(missing.code).toBe(401);
        expect(missing.message).toMatch(/missing/);

        const tampered = rejection(() => requireTwilioSignature(good, settings, "sync", { ...PARAMS, Body: "x" }));
        expect(tampered.code).toBe(401);
    });
});
