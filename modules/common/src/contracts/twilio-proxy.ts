/**
 * The HTTP contract of the Twilio proxy's `POST /sessions`, shared by the proxy (which validates requests
 * with it) and its callers (which build requests and parse responses with it).
 *
 * - Auth: HTTP Basic.
 * - Success: always **200** with a {@link SessionResponse}; `created` tells a new conversation from an
 *   existing one returned for a retried request with the same `uniqueName`.
 * - Errors: a {@link ProxyErrorBody} with one of the {@link ProxyErrorCode} codes (see the table there).
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { IsoDuration } from "../schema/iso-duration";
import { E164 } from "../schema/primitives";

export const SESSIONS_PATH = "/sessions";
export const HEALTH_PATH = "/health";
export const MAX_SESSION_ADDRESSES = 50;

/** States a caller may create a conversation in. */
export const ConversationCreateState = z.enum(["active", "inactive", "closed"]);

/**
 * Every state Twilio reports for a conversation: the one definition the proxy and the lead processor (its
 * Conversations client, the Twilio integration's data, the webhooks) share.
 */
export const ConversationState = z.enum(["initializing", "active", "inactive", "closed"]);
export type ConversationState = z.output<typeof ConversationState>;

/** A participant's real phone number: E.164 and a possible number for its country. */
export const SessionAddress = E164.refine((value) => parsePhoneNumberFromString(value)?.isPossible() === true, {
    message: "is not a possible phone number for its country",
    when: (payload) => payload.issues.length === 0,
});

/**
 * The idempotency key of a session. Restricted to URL-safe characters because the proxy looks the
 * conversation up by it (`GET /v1/Conversations/{uniqueName}`), and it must not look like a `CH…` SID
 * (Twilio rejects those, error 50390).
 */
export const UniqueName = z
    .string()
    .min(1, "must not be empty")
    .max(256, "must be at most 256 characters")
    .regex(/^[A-Za-z0-9._:@~-]+$/, "may only contain letters, digits and . _ : @ ~ -")
    .refine((value) => !/^CH[0-9a-fA-F]{32}$/.test(value), {
        message: "must not look like a conversation SID (CH followed by 32 hex characters)",
        when: (payload) => payload.issues.length === 0,
    });

/** A string holding valid JSON, as Twilio's `Attributes` must. */
export const JsonString = z.string().refine(
    (value) => {
        try {
            JSON.parse(value);
            return true;
        } catch {
            return false;
        }
    },
    { message: "must be a string holding valid JSON, such as '{\"LeadIds\":[]}'" },
);

const SessionTimers = z.strictObject({
    inactive: IsoDuration.optional(),
    closed: IsoDuration.optional(),
});

const SessionRequestFields = z.strictObject({
    /** Real phone numbers of the participants (E.164), 1–50, no duplicates. */
    addresses: z
        .array(SessionAddress, {
            error: (issue) =>
                issue.input === undefined
                    ? "is required: a list of E.164 phone numbers"
                    : "must be a list of E.164 phone numbers",
        })
        .min(1, "must list at least one phone number")
        .max(MAX_SESSION_ADDRESSES, `must list at most ${MAX_SESSION_ADDRESSES} phone numbers`),
    friendlyName: z.string().max(256, "must be at most 256 characters").optional(),
    uniqueName: UniqueName.optional(),
    attributes: JsonString.optional(),
    /** Defaults to the proxy's own Messaging Service (the one its number pool comes from). */
    messagingServiceSid: z
        .string()
        .regex(/^MG[0-9a-fA-F]{32}$/, "must look like MG followed by 32 hex characters")
        .optional(),
    state: ConversationCreateState.optional(),
    /** Nested timers; the flat keys `timers.inactive` / `timers.closed` are accepted as well. */
    timers: SessionTimers.optional(),
    "timers.inactive": IsoDuration.optional(),
    "timers.closed": IsoDuration.optional(),
});

/** What a caller sends to `POST /sessions` (before normalisation). */
export type SessionRequestInput = z.input<typeof SessionRequestFields>;

/** A validated request: timers merged from the nested and flat forms. */
export interface SessionRequest {
    addresses: string[];
    friendlyName?: string | undefined;
    uniqueName?: string | undefined;
    attributes?: string | undefined;
    messagingServiceSid?: string | undefined;
    state?: z.output<typeof ConversationCreateState> | undefined;
    timers: { inactive?: string | undefined; closed?: string | undefined };
}

/** Validates a `POST /sessions` body; output is a {@link SessionRequest}. */
export const SessionRequestSchema = SessionRequestFields.superRefine((body, ctx) => {
    // Runs even when fields failed, so it only trusts values whose shape it checks itself.
    const seen = new Map<unknown, number>();
    const addresses: unknown = body.addresses;
    if (Array.isArray(addresses)) {
        addresses.forEach((address: unknown, index) => {
            const first = seen.get(address);
            if (first === undefined) seen.set(address, index);
            else ctx.addIssue({ code: "custom", path: ["addresses", index], message: `duplicates addresses.${first}` });
        });
    }
    const timers: unknown = body.timers;
    for (const timer of ["inactive", "closed"] as const) {
        const nested = timers && typeof timers === "object" && timer in timers ? body.timers?.[timer] : undefined;
        const flat = body[`timers.${timer}`];
        if (typeof nested === "string" && typeof flat === "string" && nested !== flat) {
            ctx.addIssue({
                code: "custom",
                path: [`timers.${timer}`],
                message: `conflicts with timers.${timer} given in the nested timers object`,
            });
        }
    }
}).transform(
    (body): SessionRequest => ({
        addresses: body.addresses,
        friendlyName: body.friendlyName,
        uniqueName: body.uniqueName,
        attributes: body.attributes,
        messagingServiceSid: body.messagingServiceSid,
        state: body.state,
        timers: {
            inactive: body.timers?.inactive ?? body["timers.inactive"],
            closed: body.timers?.closed ?? body["timers.closed"],
        },
    }),
);

/** One SMS participant of the session and the pool number it sees. */
export const SessionParticipant = z.object({
    sid: z.string(),
    address: z.string(),
    proxyAddress: z.string(),
});
export type SessionParticipant = z.output<typeof SessionParticipant>;

/** `200` body of `POST /sessions`: the Twilio conversation (camelCase, dates ISO-8601) plus its participants. */
export const SessionResponseSchema = z.object({
    sid: z.string(),
    accountSid: z.string().nullable(),
    chatServiceSid: z.string().nullable(),
    messagingServiceSid: z.string().nullable(),
    friendlyName: z.string().nullable(),
    uniqueName: z.string().nullable(),
    /** JSON string, as Twilio stores it. */
    attributes: z.string(),
    state: ConversationState,
    timers: z.object({ dateInactive: z.string().nullable(), dateClosed: z.string().nullable() }),
    dateCreated: z.string().nullable(),
    dateUpdated: z.string().nullable(),
    url: z.string().nullable(),
    /** The conversation's SMS participants with their proxy (pool) numbers. */
    participants: z.array(SessionParticipant),
    /** `true` when this request created the conversation; `false` when it returned an existing one. */
    created: z.boolean(),
});
export type SessionResponse = z.output<typeof SessionResponseSchema>;

/**
 * Error codes of the proxy, with their HTTP status:
 *
 * | code | status | when |
 * | --- | --- | --- |
 * | `invalid_request` | 400 | the body fails validation (`issues` names each field) |
 * | `invalid_json` | 400 | the body is not JSON |
 * | `unauthorized` | 401 | missing or wrong Basic credentials |
 * | `not_found` | 404 | unknown route |
 * | `method_not_allowed` | 405 | known route, wrong method |
 * | `conversation_closed` | 409 | a conversation with this `uniqueName` exists but is closed |
 * | `payload_too_large` | 413 | body over 64 KB |
 * | `unsupported_media_type` | 415 | body is not `application/json` |
 * | `twilio_error` | 502 | Twilio rejected a call (`twilioStatus`, `twilioCode`) |
 * | `twilio_unreachable` | 502 | Twilio could not be reached |
 * | `pool_exhausted` | 503 | no free pool number for a participant (masked number in `message`) |
 * | `twilio_rate_limited` | 503 | Twilio still answered 429 after the retries |
 * | `internal_error` | 500 | a bug |
 */
export const ProxyErrorCode = z.enum([
    "invalid_request",
    "invalid_json",
    "unauthorized",
    "not_found",
    "method_not_allowed",
    "conversation_closed",
    "payload_too_large",
    "unsupported_media_type",
    "twilio_error",
    "twilio_unreachable",
    "pool_exhausted",
    "twilio_rate_limited",
    "internal_error",
]);
export type ProxyErrorCode = z.output<typeof ProxyErrorCode>;

/** Body of every error response. */
export const ProxyErrorBody = z.object({
    code: ProxyErrorCode,
    message: z.string(),
    /** For `invalid_request`: one entry per failing field. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    twilioStatus: z.number().optional(),
    twilioCode: z.number().optional(),
    /** The conversation the error concerns (for example one that was rolled back). */
    conversationSid: z.string().optional(),
});
export type ProxyErrorBody = z.output<typeof ProxyErrorBody>;

/** `200` body of `GET /health`. */
export const HealthResponseSchema = z.object({ status: z.literal("ok"), poolSize: z.number().int() });
export type HealthResponse = z.output<typeof HealthResponseSchema>;
