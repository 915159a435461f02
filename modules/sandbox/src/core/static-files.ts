import type { Router } from "./router";

/** A file served as it is: where it lives and its content type. */
export interface StaticFile {
    file: URL;
    type: string;
}

export const CONTENT_TYPES = {
    html: "text/html; charset=utf-8",
    js: "text/javascript; charset=utf-8",
    css: "text/css; charset=utf-8",
} as const;

/** Serves each file at its path (GET), read at every request so an edited file shows at once. */
export function registerFiles(router: Router, files: Record<string, StaticFile>): void {
    for (const [path, { file, type }] of Object.entries(files)) {
        router.add(
            "GET",
            path,
            undefined,
            () => new Response(Bun.file(file), { headers: { "content-type": type, "cache-control": "no-store" } }),
        );
    }
}
