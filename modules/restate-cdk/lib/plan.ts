/**
 * A readable plan of synthesised stacks, read from a cloud assembly directory (`cdk synth` output): resource
 * counts by type, container images, the secrets each container references (ARNs and keys, never values) and
 * the Restate registration. No aws-cdk-lib import: it only reads JSON.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface StackPlan {
    name: string;
    resourceCount: number;
    resourcesByType: [type: string, count: number][];
    retained: number;
    images: string[];
    secrets: string[];
    registration: { releaseId: string; deploymentUri: string } | undefined;
}

function isObject(value: Json | undefined): value is JsonObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readJson(file: string): JsonObject {
    const parsed: Json = JSON.parse(readFileSync(file, "utf8"));
    if (!isObject(parsed)) throw new Error(`${file} is not a JSON object`);
    return parsed;
}

/** Renders a CloudFormation value (string or intrinsic) compactly: `{Ref X}` → `<X>`. */
export function renderValue(value: Json | undefined): string {
    if (typeof value === "string") return value;
    if (!isObject(value)) return JSON.stringify(value);
    if (typeof value.Ref === "string") return `<${value.Ref}>`;
    const join = value["Fn::Join"];
    if (Array.isArray(join) && Array.isArray(join[1])) {
        return join[1].map((part) => renderValue(part)).join(typeof join[0] === "string" ? join[0] : "");
    }
    const sub = value["Fn::Sub"];
    if (typeof sub === "string") return sub;
    const importValue = value["Fn::ImportValue"];
    if (importValue !== undefined) return `<import ${renderValue(importValue)}>`;
    const getAtt = value["Fn::GetAtt"];
    if (Array.isArray(getAtt)) return `<${getAtt.map((p) => renderValue(p)).join(".")}>`;
    return JSON.stringify(value);
}

export function planStack(assemblyDir: string, stackName: string): StackPlan {
    const manifest = readJson(path.join(assemblyDir, "manifest.json"));
    const artifacts = manifest.artifacts;
    const artifact = isObject(artifacts) ? artifacts[stackName] : undefined;
    const props = isObject(artifact) ? artifact.properties : undefined;
    if (!isObject(props) || typeof props.templateFile !== "string") {
        throw new Error(`stack ${stackName} is not in the cloud assembly at ${assemblyDir}`);
    }
    const template = readJson(path.join(assemblyDir, props.templateFile));
    const resources = isObject(template.Resources) ? template.Resources : {};

    // Docker image assets: tag (content hash) → Dockerfile and build arguments.
    const assetsFile = path.join(assemblyDir, `${stackName}.assets.json`);
    let dockerImages: JsonObject = {};
    try {
        const assets = readJson(assetsFile);
        if (isObject(assets.dockerImages)) dockerImages = assets.dockerImages;
    } catch {
        // No asset manifest: no docker images.
    }
    const describeImage = (image: string): string => {
        const tag = image.split(":").pop() ?? "";
        const asset = dockerImages[tag];
        if (isObject(asset) && isObject(asset.source)) {
            const args = isObject(asset.source.dockerBuildArgs) ? Object.entries(asset.source.dockerBuildArgs) : [];
            const buildArgs = args.map(([name, value]) => ` ${name}=${renderValue(value)}`).join("");
            return `${String(asset.source.dockerFile ?? "Dockerfile")}${buildArgs} (built at deploy, tag ${tag.slice(0, 12)}…)`;
        }
        return image;
    };

    const counts = new Map<string, number>();
    const images = new Set<string>();
    const secrets = new Set<string>();
    let retained = 0;
    let registration: StackPlan["registration"];
    for (const resource of Object.values(resources)) {
        if (!isObject(resource) || typeof resource.Type !== "string") continue;
        counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
        if (resource.DeletionPolicy === "Retain") retained += 1;
        const p = isObject(resource.Properties) ? resource.Properties : {};
        if (resource.Type === "AWS::ECS::TaskDefinition" && Array.isArray(p.ContainerDefinitions)) {
            for (const container of p.ContainerDefinitions) {
                if (!isObject(container)) continue;
                images.add(`${String(container.Name)}: ${describeImage(renderValue(container.Image))}`);
                for (const secret of Array.isArray(container.Secrets) ? container.Secrets : []) {
                    if (!isObject(secret)) continue;
                    secrets.add(`${String(secret.Name)} ← ${renderValue(secret.ValueFrom)}`);
                }
            }
        }
        if (resource.Type === "Custom::RestateDeployment") {
            registration = { releaseId: renderValue(p.ReleaseId), deploymentUri: renderValue(p.DeploymentUri) };
        }
    }

    return {
        name: stackName,
        resourceCount: [...counts.values()].reduce((a, b) => a + b, 0),
        resourcesByType: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
        retained,
        images: [...images].sort(),
        secrets: [...secrets].sort(),
        registration,
    };
}

export function formatPlan(header: string, plans: StackPlan[]): string {
    const lines = [header, ""];
    for (const plan of plans) {
        lines.push(`${plan.name}: ${plan.resourceCount} resources (${plan.retained} retained on delete)`);
        for (const [type, count] of plan.resourcesByType) lines.push(`    ${String(count).padStart(3)}  ${type}`);
        if (plan.images.length > 0) {
            lines.push("  images:");
            for (const image of plan.images) lines.push(`    ${image}`);
        }
        if (plan.secrets.length > 0) {
            lines.push("  secrets (ECS secrets, resolved by ECS at task start):");
            for (const secret of plan.secrets) lines.push(`    ${secret}`);
        }
        if (plan.registration) {
            lines.push(
                `  restate registration: release ${plan.registration.releaseId} at ${plan.registration.deploymentUri}`,
            );
        }
        lines.push("");
    }
    return lines.join("\n");
}
