import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/app";
import { seed } from "../src/seed";

let sb: Sandbox;
beforeEach(() => {
    sb = createSandbox({ seed, publicUrl: "http://sandbox.test" });
});
afterEach(() => sb.close());

const get = (path: string) => sb.fetch(new Request(`http://sandbox.test${path}`));
const installed = (name: string) => readFileSync(fileURLToPath(import.meta.resolve(`swagger-ui-dist/${name}`)), "utf8");

describe("the sandbox's pages", () => {
    it.each([
        ["/", "text/html"],
        ["/page/app.js", "text/javascript"],
        ["/page/settings.js", "text/javascript"],
        ["/page/style.css", "text/css"],
        ["/docs", "text/html"],
        ["/docs/init.js", "text/javascript"],
    ])("serves %s as %s", async (path, type) => {
        const res = await get(path);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toContain(type);
        expect((await res.text()).length).toBeGreaterThan(0);
    });

    it("serves Swagger UI's script and styles from the installed swagger-ui-dist package", async () => {
        for (const [path, file] of [
            ["/docs/assets/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
            ["/docs/assets/swagger-ui.css", "swagger-ui.css"],
        ] as const) {
            const res = await get(path);
            expect(res.status, path).toBe(200);
            expect(await res.text(), path).toBe(installed(file));
        }
    });

    it("points the API reference page at the local assets and document only", async () => {
        const html = await (await get("/docs")).text();
        expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])).toEqual([
            "data:,",
            "/docs/assets/swagger-ui.css",
            "/docs/assets/swagger-ui-bundle.js",
            "/docs/init.js",
        ]);
        const init = await (await get("/docs/init.js")).text();
        expect(init).toContain('url: "/docs/openapi.json"');
        expect(init).toContain("validatorUrl: null");
    });
});
