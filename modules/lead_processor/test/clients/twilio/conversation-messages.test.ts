import { describe, expect, it } from "vitest";
import {
    isSystemMessage,
    parseMessageAttributes,
    parseMessageMedia,
} from "../../../src/clients/twilio/conversation-messages";
import { systemMessageAttributes } from "../../../src/integrations/twilio/system-messages";

describe("Twilio message parsing", () => {
    it("parses attributes JSON leniently", () => {
        expect(parseMessageAttributes('{"SystemMessage":true}')).toEqual({ SystemMessage: true });
        expect(parseMessageAttributes("not json")).toEqual({});
        expect(parseMessageAttributes("[1]")).toEqual({});
        expect(parseMessageAttributes(null)).toEqual({});
    });

    it("keeps sid and filename of media", () => {
        expect(parseMessageMedia(null)).toEqual([]);
        expect(parseMessageMedia([{ sid: "ME1", filename: "a.jpg", content_type: "image/jpeg", size: 3 }])).toEqual([
            { sid: "ME1", filename: "a.jpg" },
        ]);
    });
});

describe("system messages", () => {
    it("are the messages marked SystemMessage true (or the string 'true')", () => {
        expect(isSystemMessage({ attributes: { SystemMessage: true } })).toBe(true);
        expect(isSystemMessage({ attributes: { SystemMessage: "true" } })).toBe(true);
        expect(isSystemMessage({ attributes: { SystemMessage: false } })).toBe(false);
        expect(isSystemMessage({ attributes: { SystemMessage: "yes" } })).toBe(false);
        expect(isSystemMessage({ attributes: {} })).toBe(false);
    });

    it("include every message the Twilio integration sends", () => {
        const attributes = systemMessageAttributes("CustomerGreeting", "lead-1");
        expect(isSystemMessage({ attributes })).toBe(true);
        expect(isSystemMessage({ attributes: parseMessageAttributes(JSON.stringify(attributes)) })).toBe(true);
    });
});
