import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, describe, expect, it } from "vitest";
import { docsCommand, generatedOpenApi, OPENAPI_PATH } from "../docs";
import { CliError } from "../lib/cli";
import { buildDocument, endpointStrings, OPERATIONS, stableJson } from "../openapi";
import { apiSchemas } from "../openapi/handler-schemas";
import { REQUESTS } from "../openapi/schemas";

type Json = Record<string, unknown>;
const generated = generatedOpenApi();
const doc = JSON.parse(generated) as {
    paths: Record<string, Record<string, Json>>;
    components: { schemas: Record<string, Json> };
};
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
);

async function validate(document: unknown) {
    const validator = new Validator();
    const result = await validator.validate(document as Json);
    return { ...result, version: validator.version };
}

const temp = mkdtempSync(join(tmpdir(), "openapi-test-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("docs/openapi.json", () => {
    it("is the committed output of bun run docs (run it and commit when this fails)", () => {
        expect(readFileSync(OPENAPI_PATH, "utf8")).toBe(generated);
    });

    it("validates as OpenAPI 3.1", async () => {
        const result = await validate(JSON.parse(readFileSync(OPENAPI_PATH, "utf8")));
        expect(result.errors).toBeUndefined();
        expect(result.valid).toBe(true);
        expect(result.version).toBe("3.1");
    });

    it("is refused by the validator when broken (the check has teeth)", async () => {
        const broken = structuredClone(doc) as Json & { paths: Record<string, Record<string, Json>> };
        const create = broken.paths["/Lead/{leadId}/create"]?.post;
        if (!create) throw new Error("no create operation");
        (create.parameters as Json[])[0] = { name: "leadId", in: "body", required: true };
        expect((await validate(broken)).valid).toBe(false);
    });

    it("tells callers that retry a create to send Restate's idempotency-key header (and only create)", () => {
        const headersOf = (op: Json) =>
            ((op.parameters as Json[] | undefined) ?? []).filter((p) => p.in === "header").map((p) => p.name);
        const create = doc.paths["/Lead/{leadId}/create"]?.post ?? {};
        expect(headersOf(create)).toEqual(["idempotency-key"]);
        expect(JSON.stringify(create)).toContain("instead of 409");
        const others = operations.filter(({ op }) => op !== create).flatMap(({ op }) => headersOf(op));
        expect(others).toEqual([]);
    });

    it("documents one operation per public handler, with the paths Restate ingress serves", () => {
        expect(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
            "GET /Dealer/{retailerId}/status",
            "GET /Lead/{leadId}/status",
            "POST /Admin/bulk",
            "POST /Admin/erase",
            "POST /Lead/{leadId}/close",
            "POST /Lead/{leadId}/create",
            "POST /Lead/{leadId}/status",
            "POST /Lead/{leadId}/sync",
            "POST /LeadLookup/openLead",
            "POST /OpenLeads/{openLeadKey}/openLead",
            "POST /TwilioWebhooks/checkOptInStatus",
            "POST /TwilioWebhooks/close",
            "POST /TwilioWebhooks/onIncomingMessage",
            "POST /TwilioWebhooks/sync",
        ]);
    });

    it("names every API-key endpoint string there is, and only those", () => {
        const documented = operations.flatMap(({ op }) =>
            typeof op["x-api-key-endpoint"] === "string" ? endpointStrings(op["x-api-key-endpoint"]) : [],
        );
        expect([...new Set(documented)].sort()).toEqual([...apiSchemas.KNOWN_ENDPOINTS].sort());
    });

    it("gives API-key operations the bearer key (or the bare key), and webhooks the Twilio signature", () => {
        for (const { path, op } of operations) {
            const expected =
                path.startsWith("/TwilioWebhooks/") && !path.endsWith("checkOptInStatus")
                    ? [{ TwilioSignature: [] }]
                    : [{ ApiKey: [] }, { ApiKeyBare: [] }];
            expect(op.security, path).toEqual(expected);
        }
    });

    it("documents 200, 401 (413 for bodies) and the Restate error body for every operation", () => {
        for (const { path, method, op } of operations) {
            const responses = op.responses as Record<string, Json>;
            expect(Object.keys(responses), path).toContain("200");
            expect(Object.keys(responses), path).toContain("401");
            if (method === "post") expect(Object.keys(responses), path).toContain("413");
            for (const [status, response] of Object.entries(responses)) {
                if (status === "200") continue;
                const content = response.content as Record<string, { schema: unknown; example: Json }>;
                expect(content["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/RestateError" });
                expect(content["application/json"]?.example.code).toBe(Number(status));
            }
        }
    });

    it("has request examples that the handlers' own schemas accept", () => {
        let checked = 0;
        for (const spec of OPERATIONS) {
            if (!spec.request) continue;
            const schema = REQUESTS[spec.request.schema as keyof typeof REQUESTS];
            expect(schema, spec.request.schema).toBeDefined();
            expect(Object.keys(spec.request.examples).length, spec.operationId).toBeGreaterThan(0);
            for (const [name, example] of Object.entries(spec.request.examples)) {
                const parsed = schema.safeParse(example.value);
                expect(parsed.error?.message, `${spec.operationId} example ${name}`).toBeUndefined();
                checked++;
            }
        }
        expect(checked).toBeGreaterThanOrEqual(8);
    });

    it("resolves every $ref to a component", () => {
        const refs = [...generated.matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? "");
        expect(refs.length).toBeGreaterThan(20);
        for (const name of new Set(refs)) expect(doc.components.schemas[name], name).toBeDefined();
    });

    it("takes the request schemas from the handlers (a field of theirs shows up, described)", () => {
        const web2text = doc.components.schemas.Web2TextLead as {
            properties: Record<string, Json>;
            required: string[];
        };
        expect(Object.keys(web2text.properties)).toEqual(Object.keys(apiSchemas.Web2TextLead.shape));
        expect(web2text.properties.PhoneNumber?.description).toContain("E.164");
        const stored = doc.components.schemas.StoredWeb2TextLead as { properties: Record<string, Json> };
        expect(stored.properties.PhoneNumber).toEqual({ $ref: "#/components/schemas/E164PhoneNumber" });
        const bulk = doc.components.schemas.BulkRequest as { properties: Record<string, Json> };
        expect(Object.keys(bulk.properties)).toEqual(Object.keys(apiSchemas.BulkRequest.shape));
    });

    it("is generated the same way every time, with the stable key order", () => {
        expect(stableJson(buildDocument())).toBe(generated);
        expect(Object.keys(JSON.parse(generated))).toEqual([
            "openapi",
            "info",
            "servers",
            "tags",
            "paths",
            "components",
        ]);
        expect(stableJson({ b: { z: 1, a: { properties: { y: 1, x: 2 } } }, openapi: "3.1.1" })).toBe(
            `${JSON.stringify({ openapi: "3.1.1", b: { a: { properties: { y: 1, x: 2 } }, z: 1 } }, null, 4)}\n`,
        );
    });
});

describe("bun run docs", () => {
    it("--check passes for an up-to-date file and fails (exit 1) for a stale or missing one", async () => {
        const path = join(temp, "openapi.json");
        writeFileSync(path, generated);
        await expect(docsCommand(["--check"], path)).resolves.toBeUndefined();
        writeFileSync(path, generated.replace("Create a lead", "Make a lead"));
        await expect(docsCommand(["--check"], path)).rejects.toMatchObject({ exitCode: 1 });
        await expect(docsCommand(["--check"], join(temp, "missing.json"))).rejects.toThrow(/does not exist/);
    });

    it("writes the document", async () => {
        const path = join(temp, "out", "openapi.json");
        await docsCommand([], path);
        expect(readFileSync(path, "utf8")).toBe(generated);
    });

    it("refuses unknown flags with exit code 2", async () => {
        const error = await docsCommand(["--chek"], join(temp, "x.json")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CliError);
        expect((error as CliError).exitCode).toBe(2);
    });
});
