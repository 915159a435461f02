import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { IgnoreMode } from "aws-cdk-lib";
import * as ecrAssets from "aws-cdk-lib/aws-ecr-assets";
import type { Construct } from "constructs";

/** The monorepo root: the Docker build context of both service images. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Workspaces whose package.json files `bun install --frozen-lockfile` needs (the lockfile lists them all). */
const WORKSPACE_DIRS = ["common", "lead_processor", "twilio_proxy", "sandbox", "e2e_tests", "restate-cdk"];

/**
 * An allow-list of the build context (Docker ignore syntax): everything is excluded, then the root manifests,
 * every workspace's package.json, the sources of the module and of `common`, and the module's Dockerfile are
 * let back in. This keeps node_modules and unrelated modules out of the staged context and, more importantly,
 * out of the asset hash: the image (and so the release id) changes only when code that ships in it changes.
 */
export function contextAllowList(module: string): string[] {
    return [
        "**",
        "!package.json",
        "!bun.lockb",
        "!bunfig.toml",
        "!tsconfig.json",
        ...WORKSPACE_DIRS.map((dir) => `!modules/${dir}/package.json`),
        "!modules/common/src/**",
        `!modules/${module}/src/**`,
        `!modules/${module}/Dockerfile`,
        "**/*.test.ts",
        "**/node_modules",
        "**/dist",
    ];
}

/** The service image built from `modules/<module>/Dockerfile` with the repository root as context. */
export function serviceImageAsset(scope: Construct, id: string, module: string): ecrAssets.DockerImageAsset {
    return new ecrAssets.DockerImageAsset(scope, id, {
        directory: REPO_ROOT,
        file: `modules/${module}/Dockerfile`,
        exclude: contextAllowList(module),
        ignoreMode: IgnoreMode.DOCKER,
        platform: ecrAssets.Platform.LINUX_AMD64,
    });
}
