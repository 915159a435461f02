/**
 * The Bruno collection (`bruno/`): it has a request for every documented endpoint, its environments agree
 * with the seed and the document's servers, and `bru run` against the e2e stack passes every request.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { REPO_ROOT } from "devstack";
import { retailerFor, seed } from "sandbox";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { stack } from "../support/api";
import { runCommand } from "../support/run-command";

const COLLECTION = join(REPO_ROOT, "bruno");
const BRU = join(REPO_ROOT, "modules/e2e_tests/node_modules/.bin/bru");
const openapi = JSON.parse(readFileSync(join(REPO_ROOT, "docs/openapi.json"), "utf8")) as {
    servers: { url: string }[];
    paths: Record<string, Record<string, unknown>>;
};

/** Every request file of the collection (folder.bru files hold folder settings, not requests). */
function requestFiles(dir = COLLECTION): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "environments" ? [] : requestFiles(path);
        return entry.name.endsWith(".bru") && entry.name !== "folder.bru" && entry.name !== "collection.bru"
            ? [path]
            : [];
    });
}

/** `POST /Lead/{leadId}/create` for a request file (`{{leadId}}` → `{leadId}`). */
function endpointOf(file: string): string {
    const text = readFileSync(file, "utf8");
    const method = /^(get|post|put|patch|delete) \{$/m.exec(text)?.[1];
    const url = /^ {2}url: \{\{baseUrl\}\}(\S+)$/m.exec(text)?.[1];
    if (!method || !url) throw new Error(`${relative(COLLECTION, file)}: no method or url`);
    return `${method.toUpperCase()} ${url.replace(/\{\{(\w+)\}\}/g, "{$1}")}`;
}

/** The `vars { … }` block of an environment file. */
function environment(name: string): Record<string, string> {
    const text = readFileSync(join(COLLECTION, "environments", `${name}.bru`), "utf8");
    const block = /vars \{\n([\s\S]*?)\n\}/.exec(text)?.[1] ?? "";
    return Object.fromEntries(
        block.split("\n").map((line) => {
            const [key = "", ...value] = line.trim().split(":");
            return [key, value.join(":").trim()];
        }),
    );
}

const Summary = z.object({
    totalRequests: z.number(),
    passedRequests: z.number(),
    failedRequests: z.number(),
    errorRequests: z.number(),
    totalAssertions: z.number(),
    failedAssertions: z.number(),
    totalTests: z.number(),
    failedTests: z.number(),
});
const Report = z.array(
    z.object({
        summary: Summary,
        results: z.array(z.looseObject({ test: z.object({ filename: z.string() }), status: z.string() })),
    }),
);

const temp = mkdtempSync(join(tmpdir(), "bruno-e2e-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("the Bruno collection", () => {
    it("has a request for every documented endpoint, and only documented ones", () => {
        const requests = requestFiles().map(endpointOf);
        expect(new Set(requests).size, "one request per endpoint").toBe(requests.length);
        const documented = Object.entries(openapi.paths).flatMap(([path, item]) =>
            Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
        );
        for (const request of requests) expect(documented, request).toContain(request);
        const coveredPaths = new Set(requests.map((r) => r.split(" ")[1]));
        expect([...coveredPaths].sort()).toEqual(Object.keys(openapi.paths).sort());
    });

    it("keeps the API key secret in every environment, and points them at the documented servers", () => {
        for (const name of ["local", "development", "production"]) {
            const text = readFileSync(join(COLLECTION, "environments", `${name}.bru`), "utf8");
            expect(/vars:secret \[[^\]]*\bapiKey\b[^\]]*\]/.test(text), name).toBe(true);
            expect(environment(name).apiKey, name).toBeUndefined();
        }
        expect(environment("development").baseUrl).toBe(openapi.servers[1]?.url);
        expect(environment("production").baseUrl).toBe(openapi.servers[2]?.url);
        expect(environment("local").baseUrl).toBe(openapi.servers[0]?.url);
    });

    it("uses the sandbox's seeded data in the local environment", () => {
        const local = environment("local");
        const retailer = retailerFor("valid");
        expect(local.retailerId).toBe(retailer.UniversalRetailerId);
        expect(local.locationId).toBe(retailer.locations[0]?.id);
        expect(local.twilioAuthToken).toBe(seed.twilio.authToken);
        expect(seed.twilio.pool).toContain(local.poolNumber);
    });

    it("passes every request with bru run against the e2e stack", async () => {
        const { urls, apiKey } = stack();
        const reportPath = join(temp, "report.json");
        const { stdout, stderr, code } = await runCommand(
            [
                BRU,
                "run",
                "-r",
                "--env",
                "local",
                "--env-var",
                `baseUrl=${urls.ingress}`,
                "--env-var",
                `apiKey=${apiKey}`,
                "--reporter-json",
                reportPath,
                "--reporter-skip-all-headers",
            ],
            { cwd: COLLECTION, env: { NO_COLOR: "1" } },
        );
        const files = requestFiles().length;
        expect(code, `bru run failed:\n${stdout}\n${stderr}`).toBe(0);
        expect(stdout).toMatch(new RegExp(`Requests\\s*│\\s*${files} \\(${files} Passed\\)`));

        const [run] = Report.parse(JSON.parse(readFileSync(reportPath, "utf8")));
        expect(run?.summary).toMatchObject({
            totalRequests: files,
            passedRequests: files,
            failedRequests: 0,
            errorRequests: 0,
            failedAssertions: 0,
            failedTests: 0,
        });
        expect(run?.summary.totalAssertions).toBeGreaterThanOrEqual(files);
        // Lead first: create picks the lead id the later requests use.
        expect(run?.results[0]?.test.filename).toBe(join("Lead", "create.bru"));
    }, 180_000);
});
