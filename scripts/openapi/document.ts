/**
 * Builds the OpenAPI 3.1 document of the lead processor's public API from the operation table
 * (operations.ts) and the handlers' schemas (schemas.ts). Pure: the same code gives the same document.
 */

// The deployed ingress URLs come from the deployment's own settings (plain data and zod, no CDK import).
import { loadEnvironment, publicIngressUrl } from "restate-cdk/config/environments";
import { DEV_PORTS } from "../lib/dev-defaults";
import { apiSchemas } from "./handler-schemas";
import {
    type Auth,
    BODY_ERRORS,
    type ErrorCase,
    JSON_TYPE,
    OPERATIONS,
    type OperationSpec,
    pathOf,
    RATE_LIMITED,
    type Service,
    XML_TYPE,
} from "./operations";
import { componentSchemas, type JsonSchema, ref } from "./schemas";

export type OpenApiDocument = {
    openapi: string;
    info: JsonSchema;
    servers: { url: string; description: string }[];
    tags: { name: string; description: string }[];
    paths: Record<string, Record<string, JsonSchema>>;
    components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};

const TAGS: Record<Service, string> = {
    Lead: "The Lead virtual object, keyed by the lead's UUID: create, follow, sync and close one lead.",
    LeadLookup: "Read-only answers for websites: does this customer have an open lead at this store?",
    OpenLeads: "The open-lead index, keyed by customer and store: the same lookup in one invocation.",
    Dealer: "The Dealer virtual object, keyed by the retailer's Nexus id: can its locations take Web2Text leads?",
    Admin: "Operations over many leads at once.",
    TwilioWebhooks: "Webhooks Twilio calls (form-encoded, signed), and the opt-out check.",
};

const STATUS_TEXT: Record<ErrorCase["status"], string> = {
    400: "Bad request",
    401: "Unauthorized",
    409: "Conflict",
    413: "Payload too large",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
};

const SECURITY_SCHEMES = {
    ApiKey: {
        type: "http",
        scheme: "bearer",
        bearerFormat: "UUID",
        description:
            "`Authorization: Bearer <API key>`. Keys are UUIDs stored in the `<PREFIX>_Web2Text_APIKeys` table, each with the endpoints it may call (`AuthorizedEndpoints`, or `*`); every operation names its endpoint string in `x-api-key-endpoint`. Manage keys with `bun run api-keys`.",
    },
    ApiKeyBare: {
        type: "apiKey",
        in: "header",
        name: "Authorization",
        description:
            "The same API key sent without the `Bearer ` prefix (`Authorization: <API key>`), as older callers do.",
    },
    TwilioSignature: {
        type: "apiKey",
        in: "header",
        name: "X-Twilio-Signature",
        description: `Twilio's request signature (header \`${apiSchemas.SIGNATURE_HEADER}\`): HMAC-SHA1, keyed with the account's auth token, of the public webhook URL \`<PUBLIC_RESTATE_INGRESS_URL>/TwilioWebhooks/<handler>\` followed by every form parameter name and value in name order, base64-encoded.`,
    },
};

function security(auth: Auth) {
    return auth.kind === "apiKey" ? [{ ApiKey: [] }, { ApiKeyBare: [] }] : [{ TwilioSignature: [] }];
}

const INVOCATION_ID_HEADER = {
    "x-restate-id": {
        description: "The Restate invocation id: find it in the admin UI, `sys_invocation` and the service logs.",
        schema: { type: "string", example: "inv_1boTvPL80tji4foEMvReug45ewl9qXieMd" },
    },
};

function errorResponses(errors: ErrorCase[]): Record<string, JsonSchema> {
    const out: Record<string, JsonSchema> = {};
    for (const error of errors) {
        if (out[String(error.status)]) throw new Error(`two ${error.status} entries; merge their descriptions`);
        out[String(error.status)] = {
            description: `${STATUS_TEXT[error.status]}. ${error.description}`,
            content: {
                [JSON_TYPE]: {
                    schema: ref("RestateError"),
                    example: {
                        code: error.status,
                        message: error.message,
                        ...(error.metadata ? { metadata: error.metadata } : {}),
                        source: "invocation",
                    },
                },
            },
        };
    }
    return out;
}

function successResponse(op: OperationSpec): JsonSchema {
    const { response } = op;
    const contentType = response.contentType ?? (response.schema ? JSON_TYPE : undefined);
    let content: JsonSchema | undefined;
    if (contentType === XML_TYPE) {
        content = { [XML_TYPE]: { schema: { type: "string" }, example: response.xmlExample } };
    } else if (contentType && response.schema) {
        content = { [contentType]: { schema: ref(response.schema) } };
    }
    return { description: response.description, headers: INVOCATION_ID_HEADER, ...(content ? { content } : {}) };
}

function operation(op: OperationSpec): JsonSchema {
    const path = op.key
        ? [
              {
                  name: op.key.name,
                  in: "path",
                  required: true,
                  description: op.key.description,
                  schema: ref(op.key.schema ?? "Uuid"),
                  example: op.key.example,
              },
          ]
        : [];
    const headers = (op.headers ?? []).map((h) => ({
        ...h,
        in: "header",
        required: false,
        schema: { type: "string" },
    }));
    const parameters = path.length + headers.length > 0 ? [...path, ...headers] : undefined;
    const requestBody = op.request
        ? {
              required: op.request.required,
              content: {
                  [op.request.contentType]: {
                      schema: ref(op.request.schema),
                      examples: op.request.examples,
                  },
              },
          }
        : undefined;
    return {
        operationId: op.operationId,
        tags: [op.service],
        summary: op.summary,
        description: op.description,
        ...(parameters ? { parameters } : {}),
        ...(requestBody ? { requestBody } : {}),
        responses: {
            "200": successResponse(op),
            ...errorResponses(
                [
                    ...op.errors,
                    ...(op.method === "post" ? BODY_ERRORS : []),
                    ...(op.auth.kind === "apiKey" ? [RATE_LIMITED] : []),
                ].sort((a, b) => a.status - b.status),
            ),
        },
        security: security(op.auth),
        ...(op.auth.kind === "apiKey" ? { "x-api-key-endpoint": op.auth.endpoint } : {}),
        "x-restate-handler": { service: op.service, handler: op.handler, kind: op.kind },
    };
}

/** The whole document. */
export function buildDocument(): OpenApiDocument {
    const paths: OpenApiDocument["paths"] = {};
    for (const op of OPERATIONS) {
        const path = pathOf(op);
        paths[path] ??= {};
        const item = paths[path];
        if (item[op.method]) throw new Error(`${op.method.toUpperCase()} ${path} is listed twice`);
        item[op.method] = operation(op);
    }
    const operationIds = OPERATIONS.map((op) => op.operationId);
    if (new Set(operationIds).size !== operationIds.length) throw new Error("operationIds must be unique");
    return {
        openapi: "3.1.1",
        info: {
            title: "Lead Processor API",
            version: apiSchemas.CURRENT_SCHEMA_VERSION,
            description: [
                "Leads from our websites (Web2Text widget, ActOn forms) become durable Restate virtual objects that are validated, stored, sent to our lead platforms and closed.",
                "",
                "Every call goes through Restate ingress: `/<Service>/{key}/<handler>` for virtual objects (Lead, Dealer), `/<Service>/<handler>` for services (Admin, TwilioWebhooks). Errors are answered with the HTTP status of the error and a `{code, message}` body.",
                "",
                "Generated by `bun run docs` from the zod schemas the handlers parse with; do not edit by hand.",
            ].join("\n"),
        },
        servers: [
            { url: `http://localhost:${DEV_PORTS.ingress.port}`, description: "Local stack (`bun run dev`)" },
            { url: publicIngressUrl(loadEnvironment("development")), description: "Development" },
            { url: publicIngressUrl(loadEnvironment("production")), description: "Production" },
        ],
        tags: (Object.entries(TAGS) as [Service, string][]).map(([name, description]) => ({ name, description })),
        paths,
        components: { schemas: componentSchemas(), securitySchemes: SECURITY_SCHEMES },
    };
}
