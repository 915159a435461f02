/**
 * `docs/openapi.json` against the running handlers: it documents exactly the public handlers Restate has
 * registered; every request example, sent through ingress with a key holding only the operation's documented
 * endpoint string (or signed as Twilio signs), gets a documented success whose body matches the documented
 * schema; every operation refuses a caller without credentials with its documented 401; and the sandbox serves
 * the document as a page rendered by Swagger UI, which it serves itself (nothing is fetched from elsewhere).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "devstack";
import type { Browser } from "playwright-core";
import { seed } from "sandbox";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { stack } from "../support/api";
import { browserTitle, hasChromium, launchChromium, localOnly } from "../support/browser";
import { seedApiKey } from "../support/dynamo";

type Json = Record<string, unknown>;
interface MediaType {
    schema?: Json;
    examples?: Record<string, { summary?: string; value: unknown }>;
}
interface Operation {
    operationId: string;
    tags: string[];
    parameters?: { name: string; in: string; example?: string }[];
    requestBody?: { required?: boolean; content: Record<string, MediaType> };
    responses: Record<string, { content?: Record<string, MediaType> }>;
    security: Record<string, string[]>[];
    "x-api-key-endpoint"?: string;
    "x-restate-handler": { service: string; handler: string; kind: string };
}
interface Documented {
    path: string;
    method: "get" | "post";
    op: Operation;
}

const DOC_TEXT = readFileSync(join(REPO_ROOT, "docs/openapi.json"), "utf8");
const doc = JSON.parse(DOC_TEXT) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Json } };
const documented: Documented[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method: method as Documented["method"], op })),
);

/**
 * The order the examples are sent in: the lead is created before it is synced, closed and bulk-closed, and its
 * phone erased.
 */
const ORDER = [
    "createLead",
    "getLeadStatus",
    "postLeadStatus",
    "findOpenLead",
    "findOpenLeadByKey",
    "syncLead",
    "closeLead",
    "getDealerStatus",
    "bulk",
    "erasePhone",
    "twilioMessageEvent",
    "twilioConversationStateUpdated",
    "twilioIncomingMessage",
    "checkOptInStatus",
];
const byId = new Map(documented.map((d) => [d.op.operationId, d]));
const inOrder = ORDER.map((id) => {
    const found = byId.get(id);
    if (!found) throw new Error(`docs/openapi.json has no operation ${id}`);
    return found;
});

/**
 * Inlines `#/components/schemas/…` references. A reference back to a component being inlined (JsonValue's
 * items are JsonValues) becomes `{}`: any value, one level down.
 */
function deref(schema: unknown, inlining: ReadonlySet<string> = new Set()): unknown {
    if (Array.isArray(schema)) return schema.map((item) => deref(item, inlining));
    if (!schema || typeof schema !== "object") return schema;
    const ref = (schema as Json).$ref;
    if (typeof ref === "string") {
        const name = ref.replace("#/components/schemas/", "");
        const target = doc.components.schemas[name];
        if (!target) throw new Error(`unresolved ${ref}`);
        return inlining.has(name) ? {} : deref(target, new Set([...inlining, name]));
    }
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, deref(v, inlining)]));
}

/** The documented schema as a validator (zod's JSON Schema import). */
const validatorOf = (schema: Json) => z.fromJSONSchema(deref(schema) as Parameters<typeof z.fromJSONSchema>[0]);

const isTwilio = (op: Operation) => op.security.some((s) => "TwilioSignature" in s);

/** The request body media type and examples of an operation ([undefined] when it takes no body). */
function examplesOf(op: Operation): { name: string; contentType?: string; value?: unknown }[] {
    const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
    if (!contentType || !media?.examples) return [{ name: "(no body)" }];
    return Object.entries(media.examples).map(([name, example]) => ({ name, contentType, value: example.value }));
}

interface Sent {
    status: number;
    contentType: string | null;
    invocationId: string | null;
    text: string;
}

/** Sends one documented request through ingress, authorized as the document says (or not at all). */
async function send(
    d: Documented,
    example: { contentType?: string; value?: unknown },
    params: Record<string, string>,
    credentials: { apiKey?: string; sign: boolean },
): Promise<Sent> {
    const { urls } = stack();
    const path = d.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "");
    const url = `${urls.ingress}${path}`;
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (example.contentType === "application/x-www-form-urlencoded") {
        const form = Object.fromEntries(Object.entries(example.value as Json).map(([k, v]) => [k, String(v)]));
        body = new URLSearchParams(form).toString();
        if (credentials.sign) {
            headers["x-twilio-signature"] = twilio.getExpectedTwilioSignature(seed.twilio.authToken, url, form);
        }
    } else if (example.contentType) {
        body = JSON.stringify(example.value);
    }
    if (example.contentType) headers["content-type"] = example.contentType;
    if (credentials.apiKey) headers.authorization = `Bearer ${credentials.apiKey}`;
    const res = await fetch(url, { method: d.method.toUpperCase(), headers, body });
    return {
        status: res.status,
        contentType: res.headers.get("content-type"),
        invocationId: res.headers.get("x-restate-id"),
        text: await res.text(),
    };
}

/** A key allowed only the operation's documented endpoint string (`{Operation}` taken from the body). */
const keys = new Map<string, string>();
async function keyFor(op: Operation, body: unknown): Promise<string> {
    const documentedEndpoint = op["x-api-key-endpoint"];
    if (!documentedEndpoint) throw new Error(`${op.operationId} documents no API-key endpoint`);
    const operation = (body as { Operation?: string } | undefined)?.Operation ?? "";
    const endpoint = documentedEndpoint.replace("{Operation}", operation);
    const existing = keys.get(endpoint);
    if (existing) return existing;
    const key = await seedApiKey([endpoint]);
    keys.set(endpoint, key);
    return key;
}

/** Checks an answer against the operation's documented response for its status. */
function expectDocumented(d: Documented, sent: Sent, label: string) {
    const response = d.op.responses[String(sent.status)];
    expect(response, `${label}: status ${sent.status} is not documented (${sent.text.slice(0, 300)})`).toBeDefined();
    const [contentType, media] = Object.entries(response?.content ?? {})[0] ?? [];
    if (!contentType) {
        expect(sent.text, `${label}: documented an empty body`).toBe("");
        return;
    }
    expect(sent.contentType ?? "", label).toContain(contentType);
    if (contentType === "application/json" && media?.schema) {
        const parsed = validatorOf(media.schema).safeParse(JSON.parse(sent.text));
        expect(
            parsed.error?.issues,
            `${label}: body does not match the documented schema: ${sent.text.slice(0, 500)}`,
        ).toBeUndefined();
    } else {
        expect(sent.text, label).toMatch(/^<\?xml[^>]*\?><Response/);
    }
}

describe("docs/openapi.json against the running handlers", { timeout: 120_000 }, () => {
    it("documents exactly the public handlers Restate has registered, with their content types", async () => {
        const registered: string[] = [];
        const types = new Map<string, { input: string; output: string }>();
        for (const service of ["Lead", "LeadLookup", "OpenLeads", "Dealer", "Admin", "TwilioWebhooks"]) {
            const res = await fetch(`${stack().urls.admin}/services/${service}`);
            expect(res.status).toBe(200);
            const body = (await res.json()) as {
                handlers: { name: string; public?: boolean; input_description: string; output_description: string }[];
            };
            for (const h of body.handlers.filter((handler) => handler.public !== false)) {
                registered.push(`${service}/${h.name}`);
                types.set(`${service}/${h.name}`, { input: h.input_description, output: h.output_description });
            }
        }
        const handlers = documented.map(
            (d) => `${d.op["x-restate-handler"].service}/${d.op["x-restate-handler"].handler}`,
        );
        expect([...new Set(handlers)].sort()).toEqual(registered.sort());
        expect(ORDER.slice().sort()).toEqual(documented.map((d) => d.op.operationId).sort());

        for (const d of documented) {
            const handler = `${d.op["x-restate-handler"].service}/${d.op["x-restate-handler"].handler}`;
            const registeredTypes = types.get(handler);
            const requestType = Object.keys(d.op.requestBody?.content ?? {})[0];
            if (requestType) expect(registeredTypes?.input, handler).toBe(requestType);
            const responseType = Object.keys(d.op.responses["200"]?.content ?? {})[0] ?? "none";
            expect(registeredTypes?.output, handler).toBe(responseType);
        }
    });

    it("answers every request example with a documented success matching its schema", async () => {
        let sentCount = 0;
        for (const d of inOrder) {
            const examples = examplesOf(d.op);
            for (const [i, example] of examples.entries()) {
                // The first example uses the documented path parameters; later ones (another lead) a fresh id.
                const params = Object.fromEntries(
                    (d.op.parameters ?? []).map((p) => [p.name, i === 0 ? (p.example ?? "") : crypto.randomUUID()]),
                );
                const apiKey = isTwilio(d.op) ? undefined : await keyFor(d.op, example.value);
                const label = `${d.method.toUpperCase()} ${d.path} example ${example.name}`;
                const sent = await send(d, example, params, { apiKey, sign: true });
                expect(sent.status, `${label}: ${sent.text.slice(0, 300)}`).toBe(200);
                expect(sent.invocationId, label).toMatch(/^inv_/);
                expectDocumented(d, sent, label);
                sentCount++;
            }
        }
        expect(sentCount).toBeGreaterThanOrEqual(13);
    });

    it("refuses a body over the limit on every POST operation with its documented 413", async () => {
        const filler = "x".repeat(300 * 1024);
        for (const d of documented.filter((op) => op.method === "post")) {
            const [example] = examplesOf(d.op);
            const contentType = example?.contentType ?? "application/json";
            const value =
                contentType === "application/x-www-form-urlencoded"
                    ? { ...(example?.value as Json), Body: filler }
                    : { ...((example?.value as Json | undefined) ?? {}), padding: filler };
            const params = Object.fromEntries((d.op.parameters ?? []).map((p) => [p.name, crypto.randomUUID()]));
            const apiKey = isTwilio(d.op) ? undefined : stack().apiKey;
            const sent = await send(d, { contentType, value }, params, { apiKey, sign: true });
            const label = `${d.method.toUpperCase()} ${d.path} with a 300 KB body`;
            expect(sent.status, `${label}: ${sent.text.slice(0, 300)}`).toBe(413);
            expectDocumented(d, sent, label);
        }
    });

    it("refuses every operation without credentials with its documented 401", async () => {
        for (const d of documented) {
            const [example] = examplesOf(d.op);
            const params = Object.fromEntries((d.op.parameters ?? []).map((p) => [p.name, crypto.randomUUID()]));
            const sent = await send(d, example ?? {}, params, { sign: false });
            const label = `${d.method.toUpperCase()} ${d.path} without credentials`;
            expect(sent.status, `${label}: ${sent.text}`).toBe(401);
            expectDocumented(d, sent, label);
        }
    });
});

describe("the API docs page of the sandbox", { timeout: 120_000 }, () => {
    it("serves the committed document at /docs/openapi.json", async () => {
        const res = await fetch(`${stack().urls.sandbox}/docs/openapi.json`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toContain("application/json");
        expect(await res.text()).toBe(DOC_TEXT);
    });

    describe.skipIf(!hasChromium)(browserTitle("in headless Chromium"), () => {
        let browser: Browser | undefined;
        beforeAll(async () => {
            browser = await launchChromium();
        });
        afterAll(async () => {
            await browser?.close();
        });

        it("renders every operation and schema without errors, and asks nothing of any other host", async () => {
            if (!browser) throw new Error("no browser");
            const page = await browser.newPage();
            const network = await localOnly(page);
            const errors: string[] = [];
            page.on("pageerror", (error) => errors.push(String(error)));
            page.on("console", (message) => {
                if (message.type() === "error") errors.push(message.text());
            });
            await page.goto(`${stack().urls.sandbox}/docs`);
            await page.waitForSelector("body[data-rendered]", { timeout: 30_000 });
            // Every operation's summary (collapsed): its id, path and operationId; then one opened in full.
            const summaries = await page.locator(".opblock").evaluateAll((blocks) =>
                blocks.map((block) => ({
                    id: block.id,
                    path: block.querySelector(".opblock-summary-path")?.getAttribute("data-path"),
                    operationId: block.querySelector(".opblock-summary-operation-id")?.textContent,
                })),
            );
            const expected = documented.map((d) => ({
                id: `operations-${d.op.tags[0]}-${d.op.operationId}`,
                path: d.path,
                operationId: d.op.operationId,
            }));
            const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
            expect(summaries.sort(byId)).toEqual(expected.sort(byId));
            const create = page.locator("#operations-Lead-createLead");
            await create.locator(".opblock-summary-control").click();
            await create.locator(".responses-wrapper").waitFor();
            const text = (await create.textContent()) ?? "";
            for (const shown of ["Responses", "PhoneNumber", "x-api-key-endpoint", "Lead/create"]) {
                expect(text).toContain(shown);
            }
            const schemas = await page.locator("section.models .json-schema-2020-12__title").allTextContents();
            expect(schemas.sort()).toEqual(Object.keys(doc.components.schemas).sort());
            expect(errors).toEqual([]);
            expect(network.outside).toEqual([]);
            expect(network.requested.map((url) => new URL(url).pathname)).toEqual(
                expect.arrayContaining(["/docs", "/docs/assets/swagger-ui-bundle.js", "/docs/openapi.json"]),
            );
            await page.close();
        });
    });
});
