import type { Serde } from "@restatedev/restate-sdk";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Raw JSON bytes in, so handlers can reject bodies with their own zod schema and a readable 400. */
export const rawJsonSerde: Serde<unknown> = {
    contentType: "application/json",
    serialize: (value) => encoder.encode(JSON.stringify(value)),
    deserialize: (bytes) => {
        if (bytes.length === 0) return undefined;
        try {
            return JSON.parse(decoder.decode(bytes));
        } catch {
            return new InvalidJson(decoder.decode(bytes.slice(0, 80)));
        }
    },
};

/** Marker for a body that is not JSON; handlers turn it into a 400 instead of the SDK's generic error. */
export class InvalidJson {
    constructor(readonly preview: string) {}
}

/** `application/x-www-form-urlencoded` → flat string map (last value wins), as Twilio posts webhooks. */
export const formSerde: Serde<Record<string, string>> = {
    contentType: "application/x-www-form-urlencoded",
    serialize: (value) => encoder.encode(new URLSearchParams(value).toString()),
    deserialize: (bytes) => Object.fromEntries(new URLSearchParams(decoder.decode(bytes))),
};

/** TwiML and other XML replies, passed through as a string. */
export const xmlSerde: Serde<string> = {
    contentType: "text/xml",
    serialize: (value) => encoder.encode(value),
    deserialize: (bytes) => decoder.decode(bytes),
};
