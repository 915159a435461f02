import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { json, type Router } from "../core/router";
import { CONTENT_TYPES, registerFiles } from "../core/static-files";

/** The generated API document (`bun run docs`), read on every request so a regenerated file shows at once. */
const OPENAPI = fileURLToPath(new URL("../../../../docs/openapi.json", import.meta.url));

/** A file of Swagger UI's prebuilt distribution (the `swagger-ui-dist` package, installed from npm). */
const swaggerUi = (name: string) => new URL(import.meta.resolve(`swagger-ui-dist/${name}`));
const here = (name: string) => new URL(`./${name}`, import.meta.url);

/**
 * `GET /docs`: the API reference, rendered in the browser by Swagger UI from `GET /docs/openapi.json` (the
 * document itself). Swagger UI's script and styles are served from node_modules, so the page makes no
 * request outside the sandbox.
 */
export function registerDocs(router: Router): void {
    registerFiles(router, {
        "/docs": { file: here("page.html"), type: CONTENT_TYPES.html },
        "/docs/init.js": { file: here("init.js"), type: CONTENT_TYPES.js },
        "/docs/assets/swagger-ui.css": { file: swaggerUi("swagger-ui.css"), type: CONTENT_TYPES.css },
        "/docs/assets/swagger-ui-bundle.js": { file: swaggerUi("swagger-ui-bundle.js"), type: CONTENT_TYPES.js },
    });
    router.add("GET", "/docs/openapi.json", undefined, () => {
        if (!existsSync(OPENAPI))
            return json({ code: 404, message: "docs/openapi.json does not exist; run bun run docs" }, 404);
        return new Response(readFileSync(OPENAPI, "utf8"), {
            headers: { "content-type": "application/json", "cache-control": "no-store" },
        });
    });
}
