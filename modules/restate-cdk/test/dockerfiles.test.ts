/**
 * No Docker engine here, so the one Dockerfile is checked, for each image the CDK builds from it, in two halves:
 * with that image's build arguments its stages copy what the bundle needs, and the build stage's bundle command,
 * run in the module, produces a `dist/` that starts on Node from an otherwise empty directory (as in the runtime
 * stage) and fails readably without configuration.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { systemNode } from "devstack";
import { afterAll, describe, expect, it } from "vitest";
import { contextAllowList, DOCKERFILE, imageBuildArgs, SERVICE_PORTS, type ServiceModule } from "../lib/images";
import { allowedByContext, parseCopy, parseDockerfile, type Stage, withBuildArgs } from "./support/dockerfile";

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

/** Each image built from the Dockerfile, with settings its bundle must report missing when started bare. */
const SERVICES: [module: ServiceModule, missing: string[]][] = [
    ["lead_processor", ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"]],
    ["twilio_proxy", ["TWILIO_AUTH_TOKEN", "AUTH_PASSWORD"]],
];

const dockerfileText = () => readFileSync(path.join(REPO, DOCKERFILE), "utf8");

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

describe("the Dockerfile", () => {
    it("is the only one: no module keeps its own", () => {
        const modules = readdirSync(path.join(REPO, "modules"));
        expect(modules.filter((dir) => existsSync(path.join(REPO, "modules", dir, "Dockerfile")))).toEqual([]);
        expect(Object.keys(SERVICE_PORTS).sort()).toEqual(SERVICES.map(([module]) => module).sort());
    });

    it("stops at once, naming both build arguments, when MODULE or PORT is not given", () => {
        const guard = parseDockerfile(dockerfileText())[0]?.instructions.find(
            (i) => i.keyword === "RUN" && i.args.includes("--build-arg MODULE"),
        );
        if (!guard) throw new Error("no build-argument check in the build stage");
        const run = (env: Record<string, string>) => spawnSync("sh", ["-c", guard.args], { env, encoding: "utf8" });
        const incomplete: Record<string, string>[] = [{}, { MODULE: "lead_processor" }, { PORT: "9080" }];
        for (const env of incomplete) {
            const result = run(env);
            expect(result.status).toBe(1);
            expect(result.stderr).toContain("--build-arg MODULE=<folder under modules/> --build-arg PORT=<port>");
        }
        expect(run(imageBuildArgs("twilio_proxy")).status).toBe(0);
    });
});

describe.each(SERVICES)("the %s image", (module, missing) => {
    const port = SERVICE_PORTS[module];
    const stages = (): Stage[] => withBuildArgs(parseDockerfile(dockerfileText()), imageBuildArgs(module));
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

    it("has a Bun build stage and a node:22-slim runtime stage, each declaring the arguments it uses", () => {
        expect(stages().map((s) => s.image)).toEqual(["oven/bun:1.4.5", "node:22-slim"]);
        expect(build().name).toBeDefined();
        // A reference to an argument the stage did not declare would stay literal (see withBuildArgs).
        for (const stage of stages()) {
            for (const i of stage.instructions.filter((i) => !["RUN", "CMD"].includes(i.keyword))) {
                expect(i.args, `${i.keyword} ${i.args}`).not.toContain("$");
            }
        }
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
        expect(allowedByContext(allow, DOCKERFILE)).toBe(true);
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
            const node = systemNode();
            expect(spawnSync(node, ["--version"], { encoding: "utf8" }).stdout).toMatch(/^v\d+\./);
            const started = spawnSync(node, args, { cwd: app, env: {}, encoding: "utf8", timeout: 30_000 });
            expect(started.signal).toBeNull();
            expect(started.status).not.toBe(0);
            for (const name of missing) expect(started.stderr).toContain(`${name}: is required`);
        },
    );
});
