import type { Router } from "../core/router";

/** The sandbox page's files: plain HTML, CSS and a small script, served as they are (no build step). */
const FILES: Record<string, { file: string; type: string }> = {
    "/": { file: "index.html", type: "text/html; charset=utf-8" },
    "/page/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
    "/page/settings.js": { file: "settings.js", type: "text/javascript; charset=utf-8" },
    "/page/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
};

/**
 * Serves the page at the sandbox root: conversations, each phone's thread, a box to text as a phone, and the
 * behaviour settings with their documentation.
 */
export function registerPage(router: Router): void {
    for (const [path, { file, type }] of Object.entries(FILES)) {
        router.add(
            "GET",
            path,
            undefined,
            () =>
                new Response(Bun.file(new URL(`./${file}`, import.meta.url)), {
                    headers: { "content-type": type, "cache-control": "no-store" },
                }),
        );
    }
}
