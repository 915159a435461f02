import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { IgnoreMode } from "aws-cdk-lib";
import * as ecrAssets from "aws-cdk-lib/aws-ecr-assets";
import type { Construct } from "constructs";
import { z } from "zod";
import { LEAD_PROCESSOR_PORT, TWILIO_PROXY_PORT } from "./names";

/** The monorepo root: the Docker build context of both service images. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The one Dockerfile of the service images, at the repository root; `MODULE` and `PORT` pick the service. */
export const DOCKERFILE = "Dockerfile";

/** The modules built as images, with the port each listens on. */
export const SERVICE_PORTS = { lead_processor: LEAD_PROCESSOR_PORT, twilio_proxy: TWILIO_PROXY_PORT } as const;
export type ServiceModule = keyof typeof SERVICE_PORTS;

/** The `--build-arg`s of one service's image. */
export function imageBuildArgs(module: ServiceModule): { MODULE: string; PORT: string } {
    return { MODULE: module, PORT: String(SERVICE_PORTS[module]) };
}

/** Workspace folders from the root package.json; `bun install --frozen-lockfile` needs all their manifests. */
function workspaceDirs(): string[] {
    const manifest = z
        .object({ workspaces: z.array(z.string()) })
        .parse(JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")));
    return manifest.workspaces;
}

/**
 * An allow-list of the build context (Docker ignore syntax): everything is excluded, then the root manifests,
 * every workspace's package.json, the sources of the module and of `common`, and the Dockerfile are let back in.
 * This keeps node_modules and unrelated modules out of the staged context and, more importantly, out of the asset
 * hash: the image (and so the release id) changes only when code that ships in it changes.
 */
export function contextAllowList(module: ServiceModule): string[] {
    return [
        "**",
        "!package.json",
        "!bun.lockb",
        "!bunfig.toml",
        "!tsconfig.json",
        ...workspaceDirs().map((dir) => `!${dir}/package.json`),
        "!modules/common/src/**",
        `!modules/${module}/src/**`,
        `!${DOCKERFILE}`,
        "**/*.test.ts",
        "**/node_modules",
        "**/dist",
    ];
}

/** The service image built from the root Dockerfile with the module's build arguments. */
export function serviceImageAsset(scope: Construct, id: string, module: ServiceModule): ecrAssets.DockerImageAsset {
    return new ecrAssets.DockerImageAsset(scope, id, {
        directory: REPO_ROOT,
        file: DOCKERFILE,
        buildArgs: imageBuildArgs(module),
        exclude: contextAllowList(module),
        ignoreMode: IgnoreMode.DOCKER,
        platform: ecrAssets.Platform.LINUX_AMD64,
    });
}
