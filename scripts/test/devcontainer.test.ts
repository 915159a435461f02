import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPO_ROOT } from "devstack";
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
    workspaceFolder: string;
    forwardPorts: number[];
    postCreateCommand: string;
    customizations: { vscode: { extensions: string[] } };
};

/** Container ports a service publishes, from `"host:container"` entries. */
const published = (name: string) =>
    (compose.services[name]?.ports ?? []).map((p) => {
        const [host, container] = String(p).split(":");
        expect(host, `${name} publishes ${p} on the same host port`).toBe(container);
        return Number(container);
    });

const composeWorks = spawnSync("docker", ["compose", "version"], { stdio: "ignore" }).status === 0;

describe(".devcontainer/docker-compose.yml", () => {
    it("has the spec's five containers", () => {
        expect(Object.keys(compose.services).sort()).toEqual(
            ["dynamodb-local", "jaeger", "lead-processor", "restate-server", "twilio-proxy"].sort(),
        );
    });

    it("publishes the spec's ports", () => {
        expect(published("lead-processor")).toEqual([9080]);
        expect(published("restate-server").sort()).toEqual([5122, 8080, 9070]);
        expect(published("dynamodb-local")).toEqual([8000]);
        expect(published("twilio-proxy")).toEqual([3000]);
        expect(published("jaeger")).toEqual(expect.arrayContaining([4317, 16686]));
    });

    it("runs Restate 1.7.12 with its traces going to Jaeger's OTLP endpoint, and keeps its data", () => {
        const restate = compose.services["restate-server"];
        expect(restate?.image).toBe("docker.restate.dev/restatedev/restate:1.7.12");
        expect(restate?.environment?.RESTATE_TRACING_ENDPOINT).toBe("http://jaeger:4317");
        expect(compose.services.jaeger?.image).toMatch(/^jaegertracing\/all-in-one:\d/);
        expect(compose.services.jaeger?.environment?.COLLECTOR_OTLP_ENABLED).toBe("true");
        const dataVolume = restate?.volumes?.[0]?.split(":")[0] ?? "";
        expect(Object.keys(compose.volumes)).toContain(dataVolume);
    });

    it("keeps DynamoDB Local's data in a volume", () => {
        const dynamo = compose.services["dynamodb-local"];
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
        expect(env.DYNAMODB_ENDPOINT).toBe("http://dynamodb-local:8000");
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

    it("forwards the stack's ports, installs with bun and recommends Biome", () => {
        expect(devcontainer.forwardPorts).toEqual(expect.arrayContaining([9080, 8080, 9070, 8000, 3000, 16686]));
        expect(devcontainer.postCreateCommand).toBe("bun install");
        expect(devcontainer.customizations.vscode.extensions).toContain("biomejs.biome");
    });
});
