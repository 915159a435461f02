/**
 * Handler → operation table: one row per public handler of the lead processor's Restate services, saying how
 * Restate ingress exposes it (`/<Service>/{key}/<handler>` for virtual objects, `/<Service>/<handler>` for
 * services), how it is authorized, which schema its body is parsed with, what it answers and every error status
 * it can return. The schemas are the handlers' own (see schemas.ts); the e2e suite checks this table against
 * the handlers Restate has registered and sends every example through ingress.
 */

import {
    BULK_EXAMPLES,
    CLOSE_EXAMPLES,
    CREATE_EXAMPLES,
    ERASE_EXAMPLES,
    EXAMPLE_LEAD_ID,
    EXAMPLE_OPEN_LEAD_KEY,
    EXAMPLE_RETAILER_ID,
    type Example,
    INCOMING_MESSAGE_EXAMPLES,
    MESSAGE_EVENT_EXAMPLES,
    OPEN_LEAD_BY_KEY_EXAMPLES,
    OPEN_LEAD_EXAMPLES,
    OPT_IN_EXAMPLES,
    STATE_UPDATED_EXAMPLES,
} from "./examples";
import { apiSchemas } from "./handler-schemas";
import type { ComponentName } from "./schemas";

export type Service = "Lead" | "LeadLookup" | "OpenLeads" | "Dealer" | "Admin" | "TwilioWebhooks";

export const JSON_TYPE = "application/json";
export const FORM_TYPE = "application/x-www-form-urlencoded";
export const XML_TYPE = "text/xml";

/** How a handler is authorized. */
export type Auth =
    /** `Authorization: Bearer <API key>` (or the bare key), checked against the key's AuthorizedEndpoints. */
    | { kind: "apiKey"; endpoint: string }
    /** `X-Twilio-Signature` over the public webhook URL and the form parameters. */
    | { kind: "twilioSignature" };

export interface ErrorCase {
    status: 400 | 401 | 409 | 413 | 429 | 500 | 503;
    /** When it happens, with the messages callers see. */
    description: string;
    /** A message the handler answers with, shown as the example body. */
    message: string;
    /** The error's metadata in the example body, when it carries any. */
    metadata?: Record<string, string>;
}

export interface OperationSpec {
    service: Service;
    handler: string;
    /** Virtual objects are addressed by key. */
    key?: {
        name: "leadId" | "retailerId" | "openLeadKey";
        description: string;
        example: string;
        /** The key's schema component (default `Uuid`). */
        schema?: ComponentName;
    };
    /** Optional request headers the operation documents (besides authorization). */
    headers?: { name: string; description: string; example: string }[];
    /** `shared` handlers run concurrently with others on the key; `exclusive` ones one at a time per key. */
    kind: "exclusive" | "shared" | "service";
    method: "get" | "post";
    operationId: string;
    summary: string;
    description: string;
    auth: Auth;
    request?: { contentType: string; schema: ComponentName; required: boolean; examples: Record<string, Example> };
    response: { description: string; contentType?: string; schema?: ComponentName; xmlExample?: string };
    errors: ErrorCase[];
}

const LEAD_KEY = {
    name: "leadId",
    description: "The lead's id, chosen by the caller (a UUID).",
    example: EXAMPLE_LEAD_ID,
} as const;

const KB = apiSchemas.MAX_BODY_BYTES / 1024;

/** Restate ingress's `idempotency-key` header, as callers that retry a create should send it. */
const IDEMPOTENCY_KEY = {
    name: "idempotency-key",
    description:
        "Send it when you may retry (a website whose create timed out): the same value on every attempt of one create. Restate then runs the create once and answers a repeat with the first attempt's result (the same status and body: 200 and the lead, instead of 409 because the lead exists). Restate keeps the key for one day; use a new key for a new lead.",
    example: "create-3f2b8c1e-7a4d-4e9b-9c1a-2d5e6f708192",
};

const E = {
    unauthorized: (endpoint: string): ErrorCase => ({
        status: 401,
        description: `The API key is missing, malformed, unknown, inactive, or not authorized for \`${endpoint}\`. Checked first (after the body-size limit).`,
        message: `API Key does not have authorization for '${endpoint}'`,
    }),
    badLeadId: {
        status: 400,
        description: "`leadId` is not a UUID.",
        message: "Lead ID is not a valid UUIDv4",
    } satisfies ErrorCase,
    tooLarge: {
        status: 413,
        description: `The body is larger than ${KB} KB. Every handler refuses it before anything else (a service hook), so nothing runs.`,
        message: `Request body is larger than ${KB} KB`,
    } satisfies ErrorCase,
    wrongStatus: (allowed: string): ErrorCase => ({
        status: 409,
        description: `The lead does not exist or is not ${allowed}.`,
        message: `Lead ID '${EXAMPLE_LEAD_ID}' doesn't exist or is in incorrect status 'CLOSED'`,
    }),
    corruptProjection: {
        status: 500,
        description: "The lead's DynamoDB item could not be read back (it does not match the lead schema).",
        message: `Could not parse lead ID '${EXAMPLE_LEAD_ID}' from database - Status: Invalid option`,
    } satisfies ErrorCase,
    stepFailed: (what: string, step: string): ErrorCase => ({
        status: 503,
        description: `${what} failed after a few retries. Nothing was changed; send the same request again later.`,
        message: `${step} failed: fetch failed`,
    }),
    badSignature: {
        status: 401,
        description:
            "`X-Twilio-Signature` is missing or does not match the public webhook URL and the posted form. Checked first (after the body-size limit); nothing changes.",
        message: "Twilio request validation failed",
    } satisfies ErrorCase,
};

const webhookBodyError = (example: string): ErrorCase => ({
    status: 400,
    description: `The form is not a ${example} webhook body ("Webhook body could not be parsed - …"), or it is not form-encoded.`,
    message: "Webhook body could not be parsed - ConversationSid: must be a Twilio CH SID",
});

export const OPERATIONS: OperationSpec[] = [
    {
        service: "Lead",
        handler: "create",
        key: LEAD_KEY,
        kind: "exclusive",
        method: "post",
        operationId: "createLead",
        headers: [IDEMPOTENCY_KEY],
        summary: "Create a lead",
        description:
            "Parses and validates the lead (WEB2TEXT: retailer and location in Nexus, the location's Web2Text number, the customer's phone with Twilio Lookup, opt-outs), stores it as `ACTIVE` and, unless `SyncImmediately` is false, sends `sync` to run its integrations. Nothing is stored when the request is rejected, so the same `leadId` can be sent again. A caller that retries a create should send an `idempotency-key` header: a retry then answers 200 with the first result instead of 409.",
        auth: { kind: "apiKey", endpoint: "Lead/create" },
        request: { contentType: JSON_TYPE, schema: "CreateLeadRequest", required: true, examples: CREATE_EXAMPLES },
        response: { description: "The stored lead (`ACTIVE`, no integrations yet).", schema: "SubmittedLead" },
        errors: [
            {
                status: 400,
                description:
                    'Bad `leadId`; a body that is not JSON; a body that does not match the schema ("Request could not be parsed - <field>: <problem>; …"); or a failed validation ("<Check> is INVALID|NONEXISTANT - <reason>").',
                message: "Retailer is INVALID - Retailer is a churned customer",
            },
            E.unauthorized("Lead/create"),
            E.wrongStatus("new (it was created before)"),
            E.corruptProjection,
            E.stepFailed("A validation read (Nexus, Twilio Lookup, DynamoDB)", "Check retailer in Nexus"),
        ],
    },
    {
        service: "Lead",
        handler: "status",
        key: LEAD_KEY,
        kind: "shared",
        method: "get",
        operationId: "getLeadStatus",
        summary: "A lead's state",
        description:
            'The lead as its object holds it (or, when Restate holds no state for it, as its DynamoDB item has it); `{"Status": "NONEXISTANT"}` for an unknown id. Runs concurrently with the lead\'s other handlers.',
        auth: { kind: "apiKey", endpoint: "Lead/status" },
        response: { description: "The lead, or NONEXISTANT.", schema: "LeadState" },
        errors: [E.badLeadId, E.unauthorized("Lead/status"), E.corruptProjection],
    },
    {
        service: "Lead",
        handler: "status",
        key: LEAD_KEY,
        kind: "shared",
        method: "post",
        operationId: "postLeadStatus",
        summary: "A lead's state (POST)",
        description: "The same as `GET`; any body is ignored.",
        auth: { kind: "apiKey", endpoint: "Lead/status" },
        response: { description: "The lead, or NONEXISTANT.", schema: "LeadState" },
        errors: [E.badLeadId, E.unauthorized("Lead/status"), E.corruptProjection],
    },
    {
        service: "Lead",
        handler: "sync",
        key: LEAD_KEY,
        kind: "exclusive",
        method: "post",
        operationId: "syncLead",
        summary: "Run a lead's integrations",
        description:
            "`ACTIVE → SYNCING`, then each integration of the lead type in order (creates it at the vendor, or copies new messages), then back to `ACTIVE`. An integration that fails is recorded as `SyncStatus: ERROR` with `ErrorInfo`; the call still succeeds. Answers when every integration ran. Any body is ignored.",
        auth: { kind: "apiKey", endpoint: "Lead/sync" },
        response: { description: "The lead after the sync (`ACTIVE`).", schema: "SubmittedLead" },
        errors: [E.badLeadId, E.unauthorized("Lead/sync"), E.wrongStatus("ACTIVE or SYNCING"), E.corruptProjection],
    },
    {
        service: "Lead",
        handler: "close",
        key: LEAD_KEY,
        kind: "exclusive",
        method: "post",
        operationId: "closeLead",
        summary: "Close a lead",
        description:
            "Records the close reason (the first reason a lead gets is kept), closes every integration that was synced (the Twilio thread says goodbye when its last lead leaves), then marks the lead `CLOSED`. Closing a `CLOSED` lead retries integrations that did not close yet.",
        auth: { kind: "apiKey", endpoint: "Lead/close" },
        request: { contentType: JSON_TYPE, schema: "CloseLeadRequest", required: false, examples: CLOSE_EXAMPLES },
        response: { description: "The closed lead (`CLOSED`, with `CloseReason`).", schema: "SubmittedLead" },
        errors: [
            {
                status: 400,
                description: "Bad `leadId`; a body that is not JSON; or an empty or too long `reason`.",
                message: "Request could not be parsed - reason: must not be empty",
            },
            E.unauthorized("Lead/close"),
            E.wrongStatus("ACTIVE, SYNCING or CLOSED"),
            E.corruptProjection,
        ],
    },
    {
        service: "LeadLookup",
        handler: "openLead",
        kind: "service",
        method: "post",
        operationId: "findOpenLead",
        summary: "The customer's open Web2Text lead at a store",
        description:
            'For a website that asks before submitting again (spec, Web2Text edge case 1): the customer\'s open WEB2TEXT lead at the store, or `{"OpenLead": null}`. Answered from an index the Lead object keeps in step with its own state (added on create, removed on every close), in milliseconds and without reading DynamoDB. The customer may be written in any common phone notation; this costs a second invocation (the body is normalised, then `OpenLeads/{openLeadKey}/openLead` answers), so a caller that writes the key itself gets the answer faster there. To replace the lead, create the new one with `ReplaceOpenLead: true`. A lead of the system this replaces is listed once the lead processor has taken it over (its first webhook, sync or reconcile).',
        auth: { kind: "apiKey", endpoint: "Lead/openLead" },
        request: { contentType: JSON_TYPE, schema: "OpenLeadRequest", required: true, examples: OPEN_LEAD_EXAMPLES },
        response: { description: "The open lead, or null.", schema: "OpenLeadAnswer" },
        errors: [
            {
                status: 400,
                description:
                    'A body that is not JSON or does not match the schema ("Request could not be parsed - <field>: <problem>").',
                message: "Request could not be parsed - CustomerPhone: is not a valid phone number",
            },
            E.unauthorized("Lead/openLead"),
        ],
    },
    {
        service: "OpenLeads",
        handler: "openLead",
        key: {
            name: "openLeadKey",
            description:
                "`<RetailerId>|<LocationId>|<SHA-256 of the customer's E.164 phone, lower-case hex>`, the ids in lower case, URL-encoded (`|` is `%7C`). The number itself never goes in the URL. A key that is not this customer's is a 400 naming the key to use.",
            example: EXAMPLE_OPEN_LEAD_KEY,
            schema: "OpenLeadKey",
        },
        kind: "shared",
        method: "post",
        operationId: "findOpenLeadByKey",
        summary: "The customer's open Web2Text lead at a store, by key (one invocation)",
        description:
            'The same answer as `POST /LeadLookup/openLead`, for a caller that writes the index key itself: answered by the index object in one invocation, with the API-key check made from the key directory\'s memory (no journaled step), which keeps it within 50 ms at the 99th percentile. The body carries the customer\'s phone, which the key must match, so a key written wrong is a 400 rather than a wrong "no open lead". `{"OpenLead": null}` when the customer has no open lead there. An API key stored a moment ago is refused (401) until the key directory\'s next read, at most a few seconds after its first use.',
        auth: { kind: "apiKey", endpoint: "Lead/openLead" },
        request: {
            contentType: JSON_TYPE,
            schema: "OpenLeadByKeyRequest",
            required: true,
            examples: OPEN_LEAD_BY_KEY_EXAMPLES,
        },
        response: { description: "The open lead, or null.", schema: "OpenLeadAnswer" },
        errors: [
            {
                status: 400,
                description:
                    "A key that is not this customer's (the message gives the key to use) or whose ids are not UUIDs; no body, a body that is not JSON, an impossible `CustomerPhone` or any other field.",
                message: `Use the key '${EXAMPLE_OPEN_LEAD_KEY}' for this customer: ids in lower case, then the SHA-256 of the phone in E.164, in hex`,
            },
            E.unauthorized("Lead/openLead"),
            {
                status: 503,
                description: "The lead processor has not been able to read the API keys lately (DynamoDB unreachable).",
                message: "The API keys cannot be read at the moment; retry shortly",
            },
        ],
    },
    {
        service: "Dealer",
        handler: "status",
        key: {
            name: "retailerId",
            description: "The retailer's Nexus id (UniversalRetailerId, a UUID).",
            example: EXAMPLE_RETAILER_ID,
        },
        kind: "shared",
        method: "get",
        operationId: "getDealerStatus",
        summary: "Can a retailer's locations take Web2Text leads?",
        description:
            "Runs the checks lead validation runs, for the retailer and every one of its locations. A retailer that does not exist, has churned or opted out is a 200 answer with `Status` INVALID or NONEXISTANT.",
        auth: { kind: "apiKey", endpoint: "Dealer/status" },
        response: { description: "The retailer's verdict and, when VALID, every location's.", schema: "DealerReport" },
        errors: [
            {
                status: 400,
                description: "`retailerId` is not a UUID.",
                message: "Invalid UniversalRetailerId: 'not-a-uuid'",
            },
            E.unauthorized("Dealer/status"),
            E.stepFailed("A read from Nexus, Twilio Lookup or DynamoDB", "Check retailer in Nexus"),
        ],
    },
    {
        service: "Admin",
        handler: "bulk",
        kind: "service",
        method: "post",
        operationId: "bulk",
        summary: "Find, sync or close many leads",
        description:
            "Scans the LeadStates table for leads matching `Filter`, then FINDs (lists), SYNCs or CLOSEs them. The API key needs the endpoint of the operation: `Admin/bulk/FIND`, `Admin/bulk/SYNC` or `Admin/bulk/CLOSE`.",
        auth: { kind: "apiKey", endpoint: "Admin/bulk/{Operation}" },
        request: { contentType: JSON_TYPE, schema: "BulkRequest", required: true, examples: BULK_EXAMPLES },
        response: { description: "What matched, and what was done.", schema: "BulkResponse" },
        errors: [
            {
                status: 400,
                description:
                    'A body that is not JSON or does not match the schema ("Request could not be parsed - …"), or a bad `Filter` ("Error parsing Filter parameter - …").',
                message: 'Error parsing Filter parameter - the filter object is empty; use "*" for every lead',
            },
            E.unauthorized("Admin/bulk/CLOSE"),
            E.stepFailed("Scanning the LeadStates table", "Scan LeadStates (page 1)"),
        ],
    },
    {
        service: "Admin",
        handler: "erase",
        kind: "service",
        method: "post",
        operationId: "erasePhone",
        summary: "Erase everything held about a phone number",
        description: `Finds the phone's leads (a scan of the LeadStates table filtered on \`Lead.PhoneNumber\`), closes the open ones through the usual close path (reason "${apiSchemas.ERASE_CLOSE_REASON}": vendors told, conversation closed), then clears each lead's Restate state and deletes its LeadStates item and its open-lead index entry. The phone's opt-out record stays (the fact, its date and the numbers), so a STOP keeps being honoured. What stays at the vendors is listed in the answer. \`Async\` works as in Admin bulk.`,
        auth: { kind: "apiKey", endpoint: "Admin/erase" },
        request: { contentType: JSON_TYPE, schema: "EraseRequest", required: true, examples: ERASE_EXAMPLES },
        response: { description: "What was found and erased, and what stays.", schema: "EraseResponse" },
        errors: [
            {
                status: 400,
                description:
                    'A body that is not JSON or does not match the schema ("Request could not be parsed - …"), such as a `PhoneNumber` that is not a phone number.',
                message: "Request could not be parsed - PhoneNumber: is not a valid phone number",
            },
            E.unauthorized("Admin/erase"),
            E.stepFailed("Scanning the LeadStates table", "Scan LeadStates (page 1)"),
        ],
    },
    {
        service: "TwilioWebhooks",
        handler: "sync",
        kind: "service",
        method: "post",
        operationId: "twilioMessageEvent",
        summary: "Twilio webhook: a conversation's messages changed",
        description:
            "Registered by the lead processor on every Web2Text conversation for onMessageAdded, onMessageUpdated and onMessageRemoved. Sends `sync` to every lead of the conversation (its `LeadIds` attribute), which copies the new messages to RLM and DealerHQ, unless the message is the lead processor's own (greetings, close notices: attribute `SystemMessage`). Webhooks may be lost: every open lead also re-reads its conversation every `LEAD_RECONCILE_INTERVAL`.",
        auth: { kind: "twilioSignature" },
        request: {
            contentType: FORM_TYPE,
            schema: "ConversationEventForm",
            required: true,
            examples: MESSAGE_EVENT_EXAMPLES,
        },
        response: { description: "Accepted; the leads sync in the background. Empty body." },
        errors: [
            webhookBodyError("conversation event"),
            E.badSignature,
            E.stepFailed("Reading the conversation from Twilio", "Read conversation leads"),
        ],
    },
    {
        service: "TwilioWebhooks",
        handler: "close",
        kind: "service",
        method: "post",
        operationId: "twilioConversationStateUpdated",
        summary: "Twilio webhook: a conversation's state changed",
        description:
            "Registered on every Web2Text conversation for onConversationStateUpdated. When the conversation moved to `closed` (its closed timer fired), every lead of the conversation is closed with reason Inactivity; other moves change nothing.",
        auth: { kind: "twilioSignature" },
        request: {
            contentType: FORM_TYPE,
            schema: "ConversationStateUpdatedForm",
            required: true,
            examples: STATE_UPDATED_EXAMPLES,
        },
        response: { description: "Accepted; the leads close in the background. Empty body." },
        errors: [
            webhookBodyError("conversation state"),
            E.badSignature,
            E.stepFailed("Reading the conversation from Twilio", "Read conversation leads"),
        ],
    },
    {
        service: "TwilioWebhooks",
        handler: "onIncomingMessage",
        kind: "service",
        method: "post",
        operationId: "twilioIncomingMessage",
        summary: "Twilio webhook: a text reached the Messaging Service",
        description:
            'Configured on the Twilio Messaging Service (incoming messages). STOP records the opt-out of (sender, our number) and closes the sender\'s leads, unless the sender is a store, which gets a warning instead; START lifts that opt-out; any other text to a number whose thread with the sender has closed gets the "thread expired" reply. Answers TwiML: `<Response/>`, or one `<Message>` that Twilio texts back.',
        auth: { kind: "twilioSignature" },
        request: {
            contentType: FORM_TYPE,
            schema: "IncomingMessageForm",
            required: true,
            examples: INCOMING_MESSAGE_EXAMPLES,
        },
        response: {
            description: "TwiML messaging response.",
            contentType: XML_TYPE,
            xmlExample: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
        },
        errors: [
            {
                status: 400,
                description:
                    'The form is not an incoming-message body ("Webhook body could not be parsed - …"), or it is not form-encoded.',
                message: "Webhook body could not be parsed - From: must be an E.164 phone number such as +15551234567",
            },
            E.badSignature,
            E.stepFailed("Reading the sender's conversations or opt-outs", "Find sender's conversations"),
        ],
    },
    {
        service: "TwilioWebhooks",
        handler: "checkOptInStatus",
        kind: "service",
        method: "post",
        operationId: "checkOptInStatus",
        summary: "Has a phone opted out of texts?",
        description:
            "`OPTED-IN`, or `OPTED-OUT` with the numbers the phone texted STOP to. A phone that opted out from any of our numbers cannot get new Web2Text leads.",
        auth: { kind: "apiKey", endpoint: "TwilioWebhooks/getOptInNumber" },
        request: { contentType: JSON_TYPE, schema: "OptInStatusRequest", required: true, examples: OPT_IN_EXAMPLES },
        response: { description: "The phone's opt-in status.", schema: "OptInStatus" },
        errors: [
            {
                status: 400,
                description: "`PhoneNumber` is missing or not a phone number, or the body is not JSON.",
                message: "'PhoneNumber' in POST body is missing or invalid",
            },
            E.unauthorized("TwilioWebhooks/getOptInNumber"),
            E.stepFailed("Reading the opt-out table", "Read opted-out numbers"),
        ],
    },
];

/** Errors every operation that takes a body can answer, whatever its handler: the lead processor's service hook. */
export const BODY_ERRORS: ErrorCase[] = [E.tooLarge];

/**
 * Every operation with an API key can be refused for going over the key's rate limit (`API_KEY_RATE_LIMIT`).
 * Restate ingress cannot set response headers, so `Retry-After` travels in the body's metadata.
 */
export const RATE_LIMITED: ErrorCase = {
    status: 429,
    description:
        "The API key sent more requests than its rate limit allows (`API_KEY_RATE_LIMIT`, default 50 per second with bursts of 100, counted per API key in each lead-processor process). Checked with the key, before the handler runs; nothing is stored or sent. Wait `metadata.retryAfterSeconds` seconds before trying again: Restate ingress cannot set a `Retry-After` header, so the body carries it.",
    message: "Too many requests for this API key (limit 50/s burst 100); retry after 1 s",
    metadata: { limit: "50/s burst 100", retryAfterSeconds: "1" },
};

/** The Restate path of an operation. */
export function pathOf(op: Pick<OperationSpec, "service" | "handler" | "key">): string {
    return op.key ? `/${op.service}/{${op.key.name}}/${op.handler}` : `/${op.service}/${op.handler}`;
}

/** Every API-key endpoint string an operation's `x-api-key-endpoint` stands for (`{Operation}` expanded). */
export function endpointStrings(endpoint: string): string[] {
    if (!endpoint.includes("{Operation}")) return [endpoint];
    return apiSchemas.BulkOperation.options.map((operation) => endpoint.replace("{Operation}", operation));
}
