import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { restateServerTuningEnv } from "common";
import { DEV_STACK_SETTINGS, REPO_ROOT } from "devstack";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const DIR = join(REPO_ROOT, ".devcontainer");
const COMPOSE = join(DIR, "docker-compose.yml");

interface ComposeService {
    image?: string;
    build?: { context: string; dockerfile: string; args?: Record<string, string> };
    ports?: string[];
    environment?: Record<string, string>;
    volumes?: string[];
    env_file?: { path: string; required: boolean }[];
}
const compose = parse(readFileSync(COMPOSE, "utf8")) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
};
const devcontainer = JSON.parse(readFileSync(join(DIR, "devcontainer.json"), "utf8")) as {
    dockerComposeFile: string;
    service: string;
    runServices: string[];
    workspaceFolder: string;
    forwardPorts: number[];
    postCreateCommand: string;
    postStartCommand: string;
    customizations: { vscode: { extensions: string[] } };
};
const packageJson = (dir: string) =>
    JSON.parse(readFileSync(join(REPO_ROOT, dir, "package.json"), "utf8")) as { scripts: Record<string, string> };
const README = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

interface LaunchConfiguration {
    name: string;
    type: string;
    request: "launch" | "attach";
    program?: string;
    cwd?: string;
    url?: string;
}
const launch = JSON.parse(readFileSync(join(REPO_ROOT, ".vscode/launch.json"), "utf8")) as {
    configurations: LaunchConfiguration[];
};
/** A launch.json path with `${workspaceFolder}` resolved to the repository. */
const WORKSPACE_FOLDER = ["$", "{workspaceFolder}"].join("");
const inRepo = (path: string | undefined) => resolve((path ?? "").replace(WORKSPACE_FOLDER, REPO_ROOT));

/** Container ports a service publishes, from `"host:container"` entries. */
const published = (name: string) =>
    (compose.services[name]?.ports ?? []).map((p) => {
        const [host, container] = String(p).split(":");
        expect(host, `${name} publishes ${p} on the same host port`).toBe(container);
        return Number(container);
    });

const composeWorks = spawnSync("docker", ["compose", "version"], { stdio: "ignore" }).status === 0;

describe(".devcontainer/docker-compose.yml", () => {
    it("has the spec's five containers, all of them started by the dev container", () => {
        expect(Object.keys(compose.services).sort()).toEqual(
            ["lead-processor-dynamodb-local", "jaeger", "lead-processor", "restate-server", "twilio-proxy"].sort(),
        );
        expect([...devcontainer.runServices].sort()).toEqual(Object.keys(compose.services).sort());
    });

    it("names DynamoDB Local as the README's check reaches it: --endpoint-url http://lead-processor-dynamodb-local:8000", () => {
        const check = /dynamodb describe-limits --endpoint-url (http:\/\/[^\s`]+)/.exec(README)?.[1];
        if (!check) throw new Error("README has no `dynamodb describe-limits` check");
        const url = new URL(check);
        expect(compose.services[url.hostname]?.image).toMatch(/^amazon\/dynamodb-local:/);
        expect(published(url.hostname)).toContain(Number(url.port));
    });

    it("publishes the spec's ports", () => {
        expect(published("lead-processor")).toEqual([9080]);
        expect(published("restate-server").sort()).toEqual([5122, 8080, 9070]);
        expect(published("lead-processor-dynamodb-local")).toEqual([8000]);
        expect(published("twilio-proxy")).toEqual([3000]);
        expect(published("jaeger")).toEqual(expect.arrayContaining([4317, 16686]));
    });

    it("runs Restate 1.7.12 with its traces going to Jaeger's OTLP endpoint, and keeps its data", () => {
        const restate = compose.services["restate-server"];
        expect(restate?.image).toBe("docker.restate.dev/restatedev/restate:1.7.12");
        expect(restate?.environment?.RESTATE_TRACING_ENDPOINT).toBe("http://jaeger:4317");
        // Sized as `bun run dev`.
        expect(restate?.environment).toMatchObject(restateServerTuningEnv(DEV_STACK_SETTINGS.restate));
        expect(compose.services.jaeger?.image).toMatch(/^jaegertracing\/all-in-one:\d/);
        expect(compose.services.jaeger?.environment?.COLLECTOR_OTLP_ENABLED).toBe("true");
        const dataVolume = restate?.volumes?.[0]?.split(":")[0] ?? "";
        expect(Object.keys(compose.volumes)).toContain(dataVolume);
    });

    it("keeps DynamoDB Local's data in a volume", () => {
        const dynamo = compose.services["lead-processor-dynamodb-local"];
        expect(dynamo?.image).toMatch(/^amazon\/dynamodb-local:/);
        const [volume, target] = dynamo?.volumes?.[0]?.split(":") ?? [];
        expect(Object.keys(compose.volumes)).toContain(volume);
        expect((dynamo as { command?: string[] }).command?.join(" ")).toContain(`-dbPath ${target}`);
    });

    it("builds the dev container and the Twilio proxy from files in this repository", () => {
        const dev = compose.services["lead-processor"]?.build;
        const proxy = compose.services["twilio-proxy"]?.build;
        expect(dev?.dockerfile).toBe(".devcontainer/DevContainer.dockerfile");
        // The services' one Dockerfile, with the build arguments the CDK passes for the proxy image.
        expect(proxy?.dockerfile).toBe("Dockerfile");
        expect(proxy?.args).toEqual({ MODULE: "twilio_proxy", PORT: "3000" });
        for (const build of [dev, proxy]) {
            const context = resolve(DIR, build?.context ?? "");
            expect(context).toBe(resolve(REPO_ROOT));
            expect(existsSync(join(context, build?.dockerfile ?? ""))).toBe(true);
        }
        const dockerfile = readFileSync(join(DIR, "DevContainer.dockerfile"), "utf8");
        expect(dockerfile).toMatch(/^FROM oven\/bun:1\.4\.5 /m);
        expect(dockerfile).toMatch(/^FROM node:22/m);
        expect(compose.services["twilio-proxy"]?.env_file).toEqual([{ path: "../.env", required: false }]);
    });

    it("points the dev container's scripts at the other containers", () => {
        const env = compose.services["lead-processor"]?.environment ?? {};
        expect(env.RESTATE_ADMIN_URL).toBe("http://restate-server:9070");
        // A local endpoint: the lead processor creates the missing tables there when it starts.
        expect(env.DYNAMODB_ENDPOINT).toBe("http://lead-processor-dynamodb-local:8000");
        expect(env.SERVICE_URL).toBe("http://lead-processor:9080");
        expect(env.TWILIO_PROXY_URL).toBe("http://twilio-proxy:3000");
        expect(compose.services["lead-processor"]?.volumes).toContain("..:/workspaces/lead-processor:cached");
    });

    it.skipIf(!composeWorks)("is accepted by `docker compose config`", () => {
        const out = spawnSync("docker", ["compose", "-f", COMPOSE, "config", "-q"], { encoding: "utf8" });
        expect(out.stderr).toBe("");
        expect(out.status).toBe(0);
    });
});

describe(".devcontainer/devcontainer.json", () => {
    it("opens in an existing compose service at the mounted workspace", () => {
        expect(resolve(DIR, devcontainer.dockerComposeFile)).toBe(COMPOSE);
        expect(Object.keys(compose.services)).toContain(devcontainer.service);
        expect(
            compose.services[devcontainer.service]?.volumes?.some((v) =>
                v.endsWith(`:${devcontainer.workspaceFolder}:cached`),
            ),
        ).toBe(true);
    });

    it("forwards the stack's ports and the debugger's, installs with bun and recommends Biome and Bun", () => {
        expect(devcontainer.forwardPorts).toEqual(expect.arrayContaining([9080, 8080, 9070, 8000, 3000, 16686, 9229]));
        expect(devcontainer.postCreateCommand).toBe("bun install");
        expect(devcontainer.customizations.vscode.extensions).toEqual(
            expect.arrayContaining(["biomejs.biome", "oven.bun-vscode"]),
        );
    });

    it("creates the tables and the development API key each time it starts (bun run dev-key)", () => {
        expect(devcontainer.postStartCommand).toBe("bun run dev-key");
        expect(packageJson(".").scripts["dev-key"]).toBe("bun scripts/dev-key.ts");
        expect(existsSync(join(REPO_ROOT, "scripts/dev-key.ts"))).toBe(true);
    });
});

describe("debugging the lead processor", () => {
    const appDev = packageJson("modules/lead_processor").scripts["app-dev"] ?? "";
    const inspector = /--inspect=(\S+)/.exec(appDev)?.[1] ?? "";

    it("runs app-dev with Bun's inspector listening on 9229 at a fixed path, only on the loopback interface", () => {
        expect(appDev).toMatch(/^bun --inspect=\S+ .*--watch src\/main\.ts$/);
        const url = new URL(`ws://${inspector}`);
        expect(url.port).toBe("9229");
        expect(url.hostname).toBe("127.0.0.1");
        expect(url.pathname).toBe("/lead-processor");
    });

    it("has a 'Debug Lead Processor Service' launch configuration that runs the service with the Bun debugger", () => {
        const debug = launch.configurations.find((c) => c.name === "Debug Lead Processor Service");
        expect(debug).toMatchObject({ type: "bun", request: "launch" });
        expect(inRepo(debug?.program)).toBe(join(REPO_ROOT, "modules/lead_processor/src/main.ts"));
        expect(existsSync(inRepo(debug?.program))).toBe(true);
        // The repository root, so Bun loads the same .env app-dev reads (--env-file=../../.env).
        expect(inRepo(debug?.cwd)).toBe(resolve(REPO_ROOT));
        expect(appDev).toContain("--env-file=../../.env");
    });

    it("has an attach configuration pointing at app-dev's inspector", () => {
        const attach = launch.configurations.find((c) => c.request === "attach");
        expect(attach).toMatchObject({ type: "bun", url: `ws://${inspector}` });
    });

    it("tells in the README how to attach", () => {
        expect(README).toContain("Debug Lead Processor Service");
        expect(README).toContain(attachName());
    });
});

function attachName(): string {
    const attach = launch.configurations.find((c) => c.request === "attach");
    if (!attach) throw new Error("no attach configuration");
    return attach.name;
}
