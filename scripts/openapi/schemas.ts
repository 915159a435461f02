/**
 * `components.schemas` of the API document: the handlers' own zod schemas converted with `z.toJSONSchema`
 * (requests as the handlers *accept* them, `io: "input"`; responses as they *answer*, `io: "output"`), plus
 * descriptions. Request and lead schemas are the handlers' own; the few answers typed only in TypeScript get
 * zod twins pinned to those types (responses.ts). A field added to a handler's schema appears in the document
 * at the next `bun run docs`, and a description naming a field that no longer exists fails the generator.
 */
import { E164, IsoDateTime, JsonValue, PhoneNumber, Uuid } from "common";
import { z } from "zod";
import { apiSchemas } from "./handler-schemas";
import * as responses from "./responses";

export type JsonSchema = { [key: string]: unknown };

/** Reference to a component schema. */
export const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

/** Primitives both sides share, as components of their own (so a UUID's pattern is written once). */
const SHARED = {
    Uuid,
    DateTime: IsoDateTime,
    E164PhoneNumber: E164,
    JsonValue,
    OpenLeadKey: apiSchemas.OpenLeadKeyForm,
} as const;

/** The zod schema each request component is generated from (the e2e and unit tests parse examples with it). */
export const REQUESTS = {
    CreateLeadRequest: apiSchemas.CreateLeadRequest,
    Web2TextLead: apiSchemas.Web2TextLead,
    ActOnLead: apiSchemas.ActOnLead,
    CloseLeadRequest: apiSchemas.CloseLeadRequest,
    OpenLeadRequest: apiSchemas.OpenLeadRequest,
    OpenLeadByKeyRequest: apiSchemas.OpenLeadByKeyRequest,
    BulkRequest: apiSchemas.BulkRequest,
    EraseRequest: apiSchemas.EraseRequest,
    OptInStatusRequest: apiSchemas.OptInStatusRequest,
    ConversationEventForm: apiSchemas.ConversationEvent,
    ConversationStateUpdatedForm: apiSchemas.StateUpdatedEvent,
    IncomingMessageForm: apiSchemas.IncomingMessage,
} as const;

const RESPONSES = {
    LeadState: responses.LeadState,
    SubmittedLead: apiSchemas.SubmittedLead,
    StoredWeb2TextLead: apiSchemas.Web2TextLead,
    StoredActOnLead: apiSchemas.ActOnLead,
    IntegrationState: apiSchemas.IntegrationState,
    DealerReport: responses.DealerReport,
    LocationReport: responses.LocationReport,
    BulkResponse: responses.BulkResponse,
    LeadOutcome: responses.LeadOutcome,
    EraseResponse: responses.EraseResponse,
    LeadErasure: responses.LeadErasure,
    OptInStatus: responses.OptInStatus,
    OpenLeadAnswer: responses.OpenLeadAnswer,
    RestateError: responses.RestateError,
} as const;

export type ComponentName = keyof typeof SHARED | keyof typeof REQUESTS | keyof typeof RESPONSES;

/** A component's description and its properties' (looked up in every object branch of the schema). */
interface Docs {
    description: string;
    properties?: Record<string, string>;
}

const DOCS: Record<ComponentName, Docs> = {
    Uuid: { description: "A UUID." },
    DateTime: { description: "An ISO-8601 date and time with offset, such as `2026-11-28T12:53:48.020Z`." },
    E164PhoneNumber: { description: "A phone number in E.164 form, such as `+13125550142`." },
    JsonValue: { description: "Any JSON value: a string, number, boolean, null, array or object." },
    OpenLeadKey: {
        description:
            "The open-lead index key of a customer at a store: `<RetailerId>|<LocationId>|<SHA-256 of the customer's E.164 phone, hex>`, ids and digest in lower case.",
    },
    CreateLeadRequest: {
        description:
            "Body of `POST /Lead/{leadId}/create`, discriminated on `LeadType`. Unknown top-level fields are ignored.",
        properties: {
            SchemaVersion:
                "Accepted for compatibility with older callers; stored leads always carry the current version.",
            UniversalRetailerId: "The retailer's Nexus id (UUID).",
            SyncImmediately: "Send `sync` right after the lead is stored (default `true`).",
            ReplaceOpenLead:
                'WEB2TEXT only (400 for other types). `true`: when the customer has an open lead at the same store (see `POST /LeadLookup/openLead`), it is closed with the reason "Replaced by lead <new id>" through the usual close before the create answers, and the new lead takes its place. Absent or `false`: an open lead is left alone and the new lead joins its thread, as before.',
            LeadType: "`WEB2TEXT` (website text widget) or `ACTON` (ActOn form).",
            Lead: "The lead payload of the type.",
        },
    },
    Web2TextLead: {
        description: "WEB2TEXT payload, as the website widget sends it. Unknown fields are dropped.",
        properties: {
            LocationId: "Nexus location id of the store the customer wrote to.",
            PageUrl: "The http(s) page the customer was on (at most 2048 characters).",
            IPAddress: "The customer's IPv4 or IPv6 address.",
            PhoneNumber: "Customer phone in any common notation (US default); stored as E.164.",
            PreferredMethodOfContact: "How the customer wants to be contacted.",
            CustomerMessage: "The customer's message; it opens the text thread.",
            AssociatedProductInfo: "The product the page showed (extra fields are kept).",
            Traffic: "Marketing attribution, stored only.",
            BotpressConversationId:
                "Set when the customer talked to the chatbot first; enables the Botpress integration.",
        },
    },
    ActOnLead: {
        description:
            "ACTON payload: an ActOn form post. The named fields are strings; fields the form adds are kept whatever JSON value they hold (nested at most 16 levels). The whole payload is at most 64 KB as JSON. ActOn receives the fields as JSON, FloorForce as a url-encoded form (a value that is not a string is sent as its JSON text).",
        properties: { listId: "The ActOn list the contact is added to." },
    },
    CloseLeadRequest: {
        description: "Body of `POST /Lead/{leadId}/close`; it may be empty.",
        properties: {
            reason: `Why the lead is closed. Only the first reason a lead ever gets is kept; default "${apiSchemas.DEFAULT_CLOSE_REASON}".`,
        },
    },
    OpenLeadRequest: {
        description: "Body of `POST /LeadLookup/openLead`: a customer at one store.",
        properties: {
            RetailerId: "The retailer's Nexus id (UniversalRetailerId, a UUID; any case).",
            LocationId: "The store's Nexus location id (a UUID; any case).",
            CustomerPhone: "The customer's phone in any common notation (US default); matched as E.164.",
        },
    },
    OpenLeadByKeyRequest: {
        description: "Body of `POST /OpenLeads/{openLeadKey}/openLead`: the customer the key must name.",
        properties: {
            CustomerPhone:
                "The customer's phone in any common notation (US default); the key's digest is of its E.164 form.",
        },
    },
    BulkRequest: {
        description: `Body of \`POST /Admin/bulk\`. One call handles at most ${apiSchemas.MAX_LEADS_PER_CALL} leads (${apiSchemas.MAX_DETAILED_LEADS_PER_CALL} when \`Verbose\` is true or \`Async\` is false) and ${apiSchemas.MAX_PAGES_PER_CALL} scan pages; page with \`Cursor\`.`,
        properties: {
            Operation: "FIND lists leads; SYNC and CLOSE also send `sync` or `close` to each lead.",
            Filter: '`"*"` for every lead, or an attribute-equality map such as `{"Status": "ACTIVE", "Lead.LocationId": "…"}` (dotted paths reach into maps; values are strings, numbers or booleans; 1 to 20 attributes).',
            Reason: `Close reason for CLOSE (default "${apiSchemas.ADMIN_CLOSE_REASON}").`,
            Verbose: "Return whole lead items (or each lead's state when waiting) instead of lead ids.",
            Async: "`true`: one-way sends, answers at once. `false`: waits for every lead and reports each outcome.",
            Limit: "Most leads this call handles (capped as described above).",
            Cursor: "`NextCursor` of the previous answer, to continue a scan.",
        },
    },
    EraseRequest: {
        description: `Body of \`POST /Admin/erase\`. The phone's leads are found by a scan of the LeadStates table (at most ${apiSchemas.MAX_PAGES_PER_CALL} pages per call; page with \`Cursor\`).`,
        properties: {
            PhoneNumber:
                "The phone whose data is erased, in any common notation (US default); matched as E.164 against each lead's `Lead.PhoneNumber`.",
            Async: "`true` (default): each lead is erased in its own invocation after the answer. `false`: waits for every lead and reports what was erased.",
            Cursor: "`NextCursor` of the previous answer, to continue the scan.",
        },
    },
    OptInStatusRequest: {
        description: "Body of `POST /TwilioWebhooks/checkOptInStatus`.",
        properties: { PhoneNumber: "The phone number to check, in any common notation (US default)." },
    },
    ConversationEventForm: {
        description:
            "Form body Twilio posts for conversation message events (onMessageAdded, onMessageUpdated, onMessageRemoved). Other fields Twilio sends are accepted and ignored.",
        properties: {
            ConversationSid: "The conversation (`CH…`); its `LeadIds` attribute names the leads to sync.",
            MessageSid: "The message (`IM…`); read when the event carries no `Attributes`.",
            Attributes:
                "The message's attributes (JSON). The lead processor's own messages carry `{\"SystemMessage\": true}` and start no sync.",
        },
    },
    ConversationStateUpdatedForm: {
        description:
            "Form body of onConversationStateUpdated (Twilio sends no attributes with it; the leads are read from the conversation). Only a move to `closed` closes the conversation's leads (reason Inactivity).",
        properties: { StateTo: "The conversation's new state." },
    },
    IncomingMessageForm: {
        description:
            "Form body of the Messaging Service incoming-message webhook: texts no open thread took, and every opt-out keyword.",
        properties: {
            From: "The texting phone (E.164).",
            To: "Our number it texted (E.164).",
            OptOutType:
                "Set by Twilio's opt-out handling: STOP records the opt-out and closes the sender's leads, START lifts it. Any other value is an ordinary text.",
        },
    },
    LeadState: {
        description: "A lead as `Lead/{leadId}/status` reports it: the submitted lead, or `NONEXISTANT`.",
    },
    SubmittedLead: {
        description:
            "A lead as the Lead object holds it (and projects to DynamoDB): `ACTIVE → SYNCING → ACTIVE … → CLOSED`.",
        properties: {
            Status: "`SYNCING` while integrations run; `CLOSED` once closed.",
            DateSubmitted: "When the lead was created.",
            CloseReason: "Why the lead was closed (the first reason given).",
            Integrations:
                "Per-integration state, keyed by integration: Twilio, Botpress, RLM, DHQ (WEB2TEXT); ActOn, FloorForce (ACTON).",
        },
    },
    StoredWeb2TextLead: {
        description: "WEB2TEXT payload as stored: defaults applied, `PhoneNumber` in E.164.",
    },
    StoredActOnLead: { description: "ACTON payload as stored." },
    IntegrationState: {
        description: "One integration's state on the lead.",
        properties: {
            SyncStatus: "`NOT SYNCED` → `SYNCED` (or `ERROR`) → `CLOSED`.",
            Data: "Integration-specific data (ids at the vendor, synced message ids…).",
            LastSynced: "When the integration last succeeded.",
            ErrorInfo: "Present while `SyncStatus` is `ERROR`: what failed and when.",
        },
    },
    DealerReport: {
        description:
            "Whether a retailer's locations can take Web2Text leads. Business negatives (`INVALID`, `NONEXISTANT`) are 200 answers.",
    },
    LocationReport: {
        description: "One location of the retailer; empty or unparseable values are left out, phones are E.164.",
    },
    BulkResponse: {
        description:
            "`Count` leads matched in this call. `Result` holds lead ids, whole lead items (`Verbose`), or each lead's outcome (`Async: false`). `NextCursor` is present when more leads may match.",
    },
    LeadOutcome: { description: "One lead's outcome of a waiting SYNC or CLOSE." },
    EraseResponse: {
        description:
            "What `Admin/erase` found and erased. `Count` leads of the phone were found in this call (`LeadIds`); with `Async: false`, `Erased` totals what went and `Results` has each lead's outcome. `KeptHere` and `KeptAtVendors` list what this erase does not remove.",
        properties: {
            PhoneNumber: "The phone, as E.164.",
            Erased: "Totals over the leads erased: leads, those closed first (they were open), projection items deleted, Restate state keys cleared, open-lead index entries removed.",
            NextCursor:
                "Present when the scan stopped before the table's end: send the same request with `Cursor` set to it.",
            KeptHere: "What stays in this system, and why (the opt-out fact, so a STOP stays honoured).",
            KeptAtVendors: "What stays at the vendors (RLM, DealerHQ, Twilio, …): pass the request on to them.",
        },
    },
    LeadErasure: {
        description: "One lead's erasure: whether it was closed first, and what of it was removed.",
    },
    OptInStatus: {
        description: "`OPTED-OUT` lists, in `OptInNumbers` (contract name), our numbers this phone opted out from.",
    },
    OpenLeadAnswer: {
        description:
            'The customer\'s open WEB2TEXT lead at the store (the newest, when leads submitted without `ReplaceOpenLead` left several open), or `{"OpenLead": null}`: no open lead is a 200 answer, not an error.',
        properties: {
            OpenLead:
                "`LeadId`, `DateSubmitted` and `Status` (always `ACTIVE`: the index holds open leads only), or null.",
        },
    },
    RestateError: {
        description:
            "Error body of Restate ingress. `source` is `invocation` for the handler's own errors and `ingress` when Restate refused the request (unknown handler, wrong content type).",
        properties: { code: "The HTTP status.", message: "What went wrong." },
    },
};

/** Output-side JSON Schema of the transforms response schemas contain (everything else is unrepresentable). */
function outputOfTransform(schema: unknown): JsonSchema | undefined {
    if (schema === (PhoneNumber as unknown as { out: unknown }).out) return ref("E164PhoneNumber");
    return undefined;
}

function strip(schema: JsonSchema): JsonSchema {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    return rest;
}

function convert(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
    const registry = z.registry<{ id: string }>();
    for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
    const out = z.toJSONSchema(registry, {
        io,
        uri: (id) => `#/components/schemas/${id}`,
        unrepresentable: (ctx) => {
            const replacement = outputOfTransform(ctx.zodSchema);
            if (replacement) return replacement;
            throw new Error(`${ctx.message} at ${ctx.path.join(".")}: teach scripts/openapi/schemas.ts its output`);
        },
    });
    return Object.fromEntries(Object.entries(out.schemas).map(([id, schema]) => [id, strip(schema as JsonSchema)]));
}

/** Sets `description` on `name` in every object branch of the schema; false when no branch has it. */
function describeProperty(schema: JsonSchema, name: string, text: string): boolean {
    let found = false;
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    const property = properties?.[name];
    if (property) {
        property.description = text;
        found = true;
    }
    for (const key of ["oneOf", "anyOf", "allOf"]) {
        for (const branch of (schema[key] as JsonSchema[] | undefined) ?? []) {
            found = describeProperty(branch, name, text) || found;
        }
    }
    return found;
}

/** Every component schema, described. Throws when a description names a field the schema does not have. */
export function componentSchemas(): Record<ComponentName, JsonSchema> {
    const inputs = convert({ ...SHARED, ...REQUESTS }, "input");
    const outputs = convert({ ...SHARED, ...RESPONSES }, "output");
    for (const name of Object.keys(SHARED)) {
        if (JSON.stringify(inputs[name]) !== JSON.stringify(outputs[name])) {
            throw new Error(`${name} differs between requests and responses; give each side its own component`);
        }
    }
    const all = { ...inputs, ...outputs } as Record<ComponentName, JsonSchema>;
    const bulkFilter = (all.BulkRequest.properties as Record<string, JsonSchema>).Filter;
    if (!bulkFilter) throw new Error("BulkRequest has no Filter");
    // The handler checks Filter separately (its errors read "Error parsing Filter parameter - …"); spell out the shape.
    Object.assign(bulkFilter, {
        oneOf: [
            { type: "string", const: "*" },
            {
                type: "object",
                minProperties: 1,
                maxProperties: 20,
                propertyNames: { pattern: "^[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64})*$" },
                additionalProperties: { type: ["string", "number", "boolean"] },
            },
        ],
    });
    for (const [name, docs] of Object.entries(DOCS) as [ComponentName, Docs][]) {
        const schema = all[name];
        if (!schema) throw new Error(`no component schema ${name}`);
        schema.description = docs.description;
        for (const [property, text] of Object.entries(docs.properties ?? {})) {
            if (!describeProperty(schema, property, text)) {
                throw new Error(`${name} has no property '${property}' any more: update scripts/openapi/schemas.ts`);
            }
        }
    }
    return all;
}
