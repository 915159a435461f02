/** Reads the runtime imports of source files: what the architecture tests check the direction of. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is `modules/lead_processor/test/architecture/import-scan.ts`). */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** One runtime import: the importing file and the specifier, both as written (file relative to the repo root). */
export interface RuntimeImport {
    file: string;
    specifier: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "cdk.out", "coverage", ".git"]);
const transpilers = {
    ts: new Bun.Transpiler({ loader: "ts" }),
    tsx: new Bun.Transpiler({ loader: "tsx" }),
    js: new Bun.Transpiler({ loader: "js" }),
};
const transpilerFor = (file: string) =>
    file.endsWith(".tsx") ? transpilers.tsx : /\.[mc]?js$/.test(file) ? transpilers.js : transpilers.ts;

/** Every source file below `dir` (relative to the repo root), skipping installed and built folders. */
export function sourceFiles(dir: string): string[] {
    const found: string[] = [];
    const walk = (relative: string) => {
        for (const entry of readdirSync(path.join(REPO_ROOT, relative), { withFileTypes: true })) {
            const child = path.posix.join(relative, entry.name);
            if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(child);
            else if (entry.isFile() && SOURCE.test(entry.name)) found.push(child);
        }
    };
    walk(dir);
    return found.sort();
}

/**
 * The imports of `code` that exist at run time: static imports and re-exports, side-effect imports, dynamic
 * `import()` and `require()`. Type-only imports (`import type`, `import { type X }` alone, `export type`) are
 * left out, as the compiler erases them; strings and comments that merely look like imports are not imports.
 */
export function runtimeSpecifiers(code: string, file = "source.ts"): string[] {
    return transpilerFor(file)
        .scanImports(code)
        .map((entry) => entry.path);
}

/** The runtime imports of every file below the given folders. */
export function runtimeImports(dirs: readonly string[]): RuntimeImport[] {
    return dirs.flatMap((dir) =>
        sourceFiles(dir).flatMap((file) =>
            runtimeSpecifiers(readFileSync(path.join(REPO_ROOT, file), "utf8"), file).map((specifier) => ({
                file,
                specifier,
            })),
        ),
    );
}

/** Where a relative specifier points, relative to the repo root; undefined for a package specifier. */
export function resolveRelative(imp: RuntimeImport): string | undefined {
    if (!imp.specifier.startsWith(".")) return undefined;
    return path.posix.normalize(path.posix.join(path.posix.dirname(imp.file), imp.specifier));
}
