import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { json, type Router } from "../core/router";

/** The generated API document (`bun run docs`), read on every request so a regenerated file shows at once. */
const OPENAPI = fileURLToPath(new URL("../../../../docs/openapi.json", import.meta.url));
const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");

/** The page's (empty) JSON script element that receives the document. */
const SPEC_ELEMENT = /(<script type="application\/json" id="openapi">)[\s\S]*?(<\/script>)/;

/** JSON inside a `<script>` element: `<` escaped, so no string in the document can close the element. */
const scriptJson = (text: string) => JSON.stringify(JSON.parse(text)).replace(/</g, "\\u003c");

function missing(): Response {
    return json({ code: 404, message: "docs/openapi.json does not exist; run bun run docs" }, 404);
}

/**
 * `GET /docs`: the API reference as one self-contained HTML page (styles, script and the document inlined, no
 * outside requests); `GET /docs/openapi.json`: the document itself.
 */
export function registerDocs(router: Router): void {
    router.add("GET", "/docs", undefined, () => {
        if (!existsSync(OPENAPI)) return missing();
        const html = file("page.html")
            .replace("/*__DOCS_CSS__*/", () => file("docs.css"))
            .replace("//__DOCS_JS__", () => file("docs.js"))
            .replace(
                SPEC_ELEMENT,
                (_, open: string, close: string) => open + scriptJson(readFileSync(OPENAPI, "utf8")) + close,
            );
        return new Response(html, {
            headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
        });
    });
    router.add("GET", "/docs/openapi.json", undefined, () => {
        if (!existsSync(OPENAPI)) return missing();
        return new Response(readFileSync(OPENAPI, "utf8"), {
            headers: { "content-type": "application/json", "cache-control": "no-store" },
        });
    });
}
