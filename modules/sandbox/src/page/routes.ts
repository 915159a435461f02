import type { Router } from "../core/router";
import { CONTENT_TYPES, registerFiles } from "../core/static-files";

const here = (name: string) => new URL(`./${name}`, import.meta.url);

/**
 * Serves the page at the sandbox root (plain HTML, CSS and a small script, no build step): conversations,
 * each phone's thread, a box to text as a phone, and the behaviour settings with their documentation.
 */
export function registerPage(router: Router): void {
    registerFiles(router, {
        "/": { file: here("index.html"), type: CONTENT_TYPES.html },
        "/page/app.js": { file: here("app.js"), type: CONTENT_TYPES.js },
        "/page/settings.js": { file: here("settings.js"), type: CONTENT_TYPES.js },
        "/page/style.css": { file: here("style.css"), type: CONTENT_TYPES.css },
    });
}
