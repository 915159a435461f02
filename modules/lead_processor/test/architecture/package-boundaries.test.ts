/**
 * A package uses another only through its package.json `exports` (`import … from "lead-processor"`), never by a
 * relative path into the other's folder (`../../lead_processor/src/…`), and declares the packages it imports:
 * the packages are every folder under `modules/`, plus `scripts/` and `bench/`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REPO_ROOT, type RuntimeImport, resolveRelative, runtimeImports } from "./import-scan";

const PACKAGE_DIRS = ["modules", "scripts", "bench"];

/** Known offenders (an entry that no longer offends fails the test, so the list cannot go stale). */
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

/** What another package may rely on: its folder (repo-relative), its `exports` keys and the packages it declares. */
export interface PackageInfo {
    dir: string;
    exports: readonly string[] | undefined;
    declared: ReadonlySet<string>;
}

const PackageJson = z.looseObject({
    name: z.string(),
    workspaces: z.array(z.string()).optional(),
    exports: z.record(z.string(), z.unknown()).optional(),
    dependencies: z.record(z.string(), z.string()).optional(),
    devDependencies: z.record(z.string(), z.string()).optional(),
});
const readPackageJson = (dir: string) =>
    PackageJson.parse(JSON.parse(readFileSync(path.join(REPO_ROOT, dir, "package.json"), "utf8")));

/** The root package.json's workspaces, by package name. */
export function workspacePackages(): Map<string, PackageInfo> {
    return new Map(
        (readPackageJson(".").workspaces ?? []).map((dir) => {
            const pkg = readPackageJson(dir);
            const declared = new Set([
                ...Object.keys(pkg.dependencies ?? {}),
                ...Object.keys(pkg.devDependencies ?? {}),
            ]);
            return [pkg.name, { dir, exports: pkg.exports && Object.keys(pkg.exports), declared }];
        }),
    );
}

const packageName = (specifier: string) =>
    specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/");

/**
 * The imports of another workspace package that its importer does not declare, or of a subpath the package
 * does not export: `<file> imports <specifier> (<why>)`.
 */
export function undeclaredOrUnexported(
    imports: readonly RuntimeImport[],
    packages: ReadonlyMap<string, PackageInfo>,
): string[] {
    const byDir = new Map([...packages].map(([name, info]) => [info.dir, { name, ...info }]));
    return imports.flatMap((imp) => {
        const name = packageName(imp.specifier);
        const target = packages.get(name);
        const dir = packageOf(imp.file);
        const from = dir === undefined ? undefined : byDir.get(dir);
        if (imp.specifier.startsWith(".") || !target || !from || from.name === name) return [];
        const subpath = `.${imp.specifier.slice(name.length)}`;
        const problems = [
            ...(from.declared.has(name) ? [] : ["not declared"]),
            ...(!target.exports
                ? [`${name} has no exports`]
                : target.exports.includes(subpath)
                  ? []
                  : [`not exported by ${name}`]),
        ];
        return problems.map((why) => `${imp.file} imports ${imp.specifier} (${why})`);
    });
}

describe("package boundaries", () => {
    const imports = runtimeImports(PACKAGE_DIRS);
    const offending = [...crossPackageImports(imports), ...undeclaredOrUnexported(imports, workspacePackages())];

    it("no package imports another package's files by relative path, or a package it does not declare", () => {
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

    it("names an import of an undeclared package and of a subpath the package does not export", () => {
        const packages = new Map<string, PackageInfo>([
            ["a", { dir: "modules/a", exports: ["."], declared: new Set(["b"]) }],
            ["b", { dir: "modules/b", exports: [".", "./api"], declared: new Set() }],
            ["c", { dir: "scripts", exports: undefined, declared: new Set() }],
        ]);
        const fromA = ["b", "b/api", "b/src/inner", "c", "zod"].map((specifier) => ({
            file: "modules/a/src/x.ts",
            specifier,
        }));
        const fromB = { file: "modules/b/src/y.ts", specifier: "b/api" };
        expect(undeclaredOrUnexported([...fromA, fromB], packages)).toEqual([
            "modules/a/src/x.ts imports b/src/inner (not exported by b)",
            "modules/a/src/x.ts imports c (not declared)",
            "modules/a/src/x.ts imports c (c has no exports)",
        ]);
    });
});
