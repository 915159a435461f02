/**
 * A package uses another only through its package.json `exports` (`import … from "lead-processor"`), never by a
 * relative path into the other's folder (`../../lead_processor/src/…`): the packages are every folder under
 * `modules/`, plus `scripts/` and `bench/`.
 */
import { describe, expect, it } from "vitest";
import { type RuntimeImport, resolveRelative, runtimeImports } from "./import-scan";

const PACKAGE_DIRS = ["modules", "scripts", "bench"];

/**
 * Known offenders, being moved by the package-boundaries work; the lead empties this list after merging it
 * (an entry that no longer offends fails the test, so the list cannot go stale).
 */
const KNOWN_OFFENDERS: readonly string[] = [];

/** The package a repository path belongs to (`modules/sandbox`, `scripts`, `bench`), if any. */
function packageOf(repoPath: string): string | undefined {
    return /^(modules\/[^/]+|scripts|bench)(?=\/|$)/.exec(repoPath)?.[1];
}

/** The imports that reach into another package by a relative path: `<file> imports <specifier>`. */
export function crossPackageImports(imports: readonly RuntimeImport[]): string[] {
    return imports.flatMap((imp) => {
        const target = resolveRelative(imp);
        const into = target === undefined ? undefined : packageOf(target);
        return into !== undefined && into !== packageOf(imp.file) ? [`${imp.file} imports ${imp.specifier}`] : [];
    });
}

describe("package boundaries", () => {
    const offending = crossPackageImports(runtimeImports(PACKAGE_DIRS));

    it("no package imports another package's files by relative path", () => {
        expect(offending.filter((line) => !KNOWN_OFFENDERS.includes(line))).toEqual([]);
    });

    it("lists only offenders that still offend", () => {
        expect(KNOWN_OFFENDERS.filter((line) => !offending.includes(line))).toEqual([]);
    });

    it("names an import into another package, and lets imports inside a package and through exports pass", () => {
        const imports: RuntimeImport[] = [
            { file: "modules/restate-cdk/lib/data-stack.ts", specifier: "../../lead_processor/src/db/table-names" },
            { file: "bench/floor-service.ts", specifier: "../modules/lead_processor/src/serve.ts" },
            { file: "scripts/openapi/document.ts", specifier: "../lib/dev-defaults" },
            { file: "modules/e2e_tests/src/tests/lead/close.e2e.test.ts", specifier: "../../support/api" },
            { file: "modules/sandbox/vitest.config.ts", specifier: "../../vitest.shared.ts" },
            { file: "scripts/api-keys.ts", specifier: "lead-processor" },
        ];
        expect(crossPackageImports(imports)).toEqual([
            "modules/restate-cdk/lib/data-stack.ts imports ../../lead_processor/src/db/table-names",
            "bench/floor-service.ts imports ../modules/lead_processor/src/serve.ts",
        ]);
    });
});
