/**
 * No Docker engine here, so each image is checked in two halves: the Dockerfile's stages copy what the bundle
 * needs, and the build stage's bundle command, run in the module, produces a `dist/` that starts on Node from
 * an otherwise empty directory (as in the runtime stage) and fails readably without configuration.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { contextAllowList } from "../lib/images";
import { allowedByContext, parseCopy, parseDockerfile, type Stage } from "./support/dockerfile";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

interface PackageJson {
    name: string;
    workspaces?: string[];
    dependencies?: Record<string, string>;
}

const readJson = (file: string) => JSON.parse(readFileSync(path.join(REPO, file), "utf8")) as PackageJson;
const rootPackage = readJson("package.json");
const workspaceDirs = rootPackage.workspaces ?? [];
/** Package name → workspace folder (`common` → `modules/common`). */
const workspaceByName = new Map(workspaceDirs.map((dir) => [readJson(`${dir}/package.json`).name, dir]));

const SERVICES: [module: string, port: number, missing: string[]][] = [
    ["lead_processor", 9080, ["INTERNAL_API_TOKEN", "TWILIO_AUTH_TOKEN"]],
    ["twilio_proxy", 3000, ["TWILIO_AUTH_TOKEN", "AUTH_PASSWORD"]],
];

/** Some file inside a folder (relative), to test a `dir/**` pattern against. */
function firstFile(dir: string): string {
    const file = readdirSync(dir, { recursive: true, encoding: "utf8" }).find((f) =>
        statSync(path.join(dir, f)).isFile(),
    );
    if (!file) throw new Error(`${dir} is empty`);
    return file;
}

const scratch: string[] = [];
afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe.each(SERVICES)("modules/%s/Dockerfile", (module, port, missing) => {
    const dockerfile = path.join(REPO, "modules", module, "Dockerfile");
    const stages = (): Stage[] => parseDockerfile(readFileSync(dockerfile, "utf8"));
    const build = () => stages()[0] as Stage;
    const runtime = () => stages()[1] as Stage;
    const moduleDir = `modules/${module}`;

    const bundleRun = () => {
        const run = build().instructions.find(
            (i) => i.keyword === "RUN" && /bun (run bundle|build src\/main\.ts)/.test(i.args),
        );
        if (!run) throw new Error("no bundle step in the build stage");
        return run.args;
    };

    it("has a Bun build stage and a node:22-slim runtime stage", () => {
        expect(stages().map((s) => s.image)).toEqual(["oven/bun:1.4.5", "node:22-slim"]);
        expect(build().name).toBeDefined();
    });

    it("copies the root manifests and every workspace's package.json before the frozen install", () => {
        const instructions = build().instructions;
        const install = instructions.findIndex(
            (i) => i.keyword === "RUN" && i.args.includes("bun install --frozen-lockfile"),
        );
        expect(install).toBeGreaterThan(0);
        const copied = instructions
            .slice(0, install)
            .filter((i) => i.keyword === "COPY")
            .flatMap((i) => parseCopy(i.args).sources);
        expect(copied).toEqual(expect.arrayContaining(["package.json", "bun.lockb", "bunfig.toml"]));
        for (const dir of workspaceDirs) expect(copied).toContain(`${dir}/package.json`);
    });

    it("copies the module's sources and those of its workspace dependencies, then bundles in the module", () => {
        const instructions = build().instructions;
        const install = instructions.findIndex((i) => i.args.includes("bun install --frozen-lockfile"));
        const after = instructions.slice(install + 1);
        const sources = after.filter((i) => i.keyword === "COPY").flatMap((i) => parseCopy(i.args).sources);
        const deps = Object.entries(readJson(`${moduleDir}/package.json`).dependencies ?? {})
            .filter(([, version]) => version.startsWith("workspace:"))
            .map(([name]) => workspaceByName.get(name));
        for (const dir of [moduleDir, ...deps]) expect(sources).toContain(`${dir}/src`);

        const workdirs = after.filter((i) => i.keyword === "WORKDIR").map((i) => i.args);
        expect(workdirs.at(-1)).toBe(`/app/${moduleDir}`);
        // `bun run bundle` is the package's script: one file for Node in dist/.
        const script = bundleRun().includes("bun run bundle")
            ? (readJson(`${moduleDir}/package.json`) as PackageJson & { scripts?: Record<string, string> }).scripts
                  ?.bundle
            : bundleRun();
        expect(script).toMatch(/bun build src\/main\.ts/);
        expect(script).toMatch(/--target=node/);
        expect(script).toMatch(/--outdir(=| )dist\b/);
    });

    it("keeps only dist/ in the runtime stage and runs it as a non-root user on the service port", () => {
        const instructions = runtime().instructions;
        const copies = instructions.filter((i) => i.keyword === "COPY").map((i) => parseCopy(i.args));
        expect(copies).toEqual([
            { from: build().name, chown: "node:node", sources: [`/app/${moduleDir}/dist`], destination: "./dist" },
        ]);
        const last = (keyword: string) => instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
        expect(last("WORKDIR")).toBe("/app");
        expect(last("USER")).toMatch(/^(?!root$|0$)\S+$/);
        expect(last("EXPOSE")).toBe(String(port));
        expect(last("ENV")).toContain(`PORT=${port}`);
        expect(JSON.parse(last("CMD") ?? "[]")).toEqual(["node", "--enable-source-maps", "dist/main.js"]);
    });

    it("has every file it copies in the build context the CDK stages", () => {
        const allow = contextAllowList(module);
        const sources = build()
            .instructions.filter((i) => i.keyword === "COPY")
            .map((i) => parseCopy(i.args))
            .filter((c) => c.from === undefined)
            .flatMap((c) => c.sources);
        for (const source of sources) {
            const full = path.join(REPO, source);
            const probe = statSync(full).isDirectory() ? `${source}/${firstFile(full)}` : source;
            expect(allowedByContext(allow, probe), `${probe} is excluded from the build context`).toBe(true);
        }
        expect(allowedByContext(allow, `${moduleDir}/Dockerfile`)).toBe(true);
        expect(allowedByContext(allow, "node_modules/zod/package.json")).toBe(false);
        expect(allowedByContext(allow, `${moduleDir}/dist/main.js`)).toBe(false);
    });

    it.skipIf(!existsSync(path.join(REPO, moduleDir, "src/main.ts")))(
        "builds a bundle that starts on Node and, with no environment, exits listing the missing settings",
        () => {
            // The build stage's bundle step, run where the image runs it (the module folder of the workspace).
            const bundled = spawnSync("sh", ["-c", bundleRun()], { cwd: path.join(REPO, moduleDir), encoding: "utf8" });
            expect(bundled.status, bundled.stderr).toBe(0);
            expect(existsSync(path.join(REPO, moduleDir, "dist/main.js"))).toBe(true);

            // The runtime stage: only dist/ in /app, started by CMD, with no environment at all.
            const app = mkdtempSync(path.join(tmpdir(), `${module}-image-`));
            scratch.push(app);
            cpSync(path.join(REPO, moduleDir, "dist"), path.join(app, "dist"), { recursive: true });
            const [command, ...args] = JSON.parse(
                runtime()
                    .instructions.filter((i) => i.keyword === "CMD")
                    .at(-1)?.args ?? "[]",
            ) as string[];
            expect(command).toBe("node");
            const node = Bun.which("node");
            if (!node) throw new Error("node is not installed");
            const started = spawnSync(node, args, { cwd: app, env: {}, encoding: "utf8", timeout: 30_000 });
            expect(started.signal).toBeNull();
            expect(started.status).not.toBe(0);
            for (const name of missing) expect(started.stderr).toContain(`${name}: is required`);
        },
    );
});
