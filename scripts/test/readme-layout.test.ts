/** The README's "Repository layout" table against the tree: every package is in it, every row exists. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "devstack";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const RootPackage = z.object({ workspaces: z.array(z.string()) });
const workspaces = RootPackage.parse(JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"))).workspaces;

/** The paths in the first column of the table under `## Repository layout`, without a trailing slash. */
export function layoutPaths(markdown: string): string[] {
    const section = markdown.split(/^## Repository layout$/m)[1]?.split(/^## /m)[0] ?? "";
    return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => (match[1] ?? "").replace(/\/$/, ""));
}

const rows = layoutPaths(README);
const missing = (paths: readonly string[]) => paths.filter((path) => !rows.includes(path.replace(/\/$/, "")));

describe("README repository layout", () => {
    it("lists every workspace package", () => {
        expect(workspaces.length).toBeGreaterThanOrEqual(9);
        expect(missing(workspaces)).toEqual([]);
    });

    it("lists every folder of modules/", () => {
        const modules = readdirSync(join(REPO_ROOT, "modules"), { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => `modules/${entry.name}`);
        expect(missing(modules)).toEqual([]);
    });

    it("names only paths that exist", () => {
        expect(rows.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual([]);
    });

    it("reads the table's first column, and only that table's", () => {
        const markdown = [
            "## Repository layout",
            "| path | what |",
            "| --- | --- |",
            "| `modules/a` | the `b` package |",
            "| `scripts/` | commands |",
            "## Next",
            "| `elsewhere` | not the layout |",
        ].join("\n");
        expect(layoutPaths(markdown)).toEqual(["modules/a", "scripts"]);
        expect(rows).toEqual(
            expect.arrayContaining(["modules/devstack", "scripts", "bench", "bruno", "docs", "Dockerfile"]),
        );
    });
});
