/**
 * A readable plan of synthesised stacks, read from a cloud assembly directory (`cdk synth` output): resource
 * counts by type, container images, the secrets each container references (ARNs and keys, never values), the
 * ECS services in the order CloudFormation updates them, and the Restate registration. No aws-cdk-lib import: it
 * only reads JSON.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One ECS service as CloudFormation will update it. */
export interface ServicePlan {
    /** Task definition family (the service's readable name). */
    name: string;
    desiredCount: number | undefined;
    minHealthyPercent: number | undefined;
    maxPercent: number | undefined;
    /** Cloud Map name the tasks register, if any. */
    dnsName: string | undefined;
    /** Names of the services of this stack that CloudFormation updates before this one. */
    after: string[];
}

export interface StackPlan {
    name: string;
    resourceCount: number;
    resourcesByType: [type: string, count: number][];
    retained: number;
    images: string[];
    secrets: string[];
    registration: { releaseId: string; deploymentUri: string } | undefined;
    /** ECS services, each after the ones it depends on. */
    services: ServicePlan[];
    /** More than one service, and each one waits for the one before it: replaced one at a time. */
    oneAtATime: boolean;
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

    const services = planServices(resources);
    return {
        name: stackName,
        resourceCount: [...counts.values()].reduce((a, b) => a + b, 0),
        resourcesByType: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
        retained,
        images: [...images].sort(),
        secrets: [...secrets].sort(),
        registration,
        services,
        oneAtATime:
            services.length > 1 &&
            services.every((service, i) => i === 0 || service.after.includes(services[i - 1]?.name ?? "")),
    };
}

function referencedId(value: Json | undefined): string | undefined {
    if (!isObject(value)) return undefined;
    if (typeof value.Ref === "string") return value.Ref;
    const getAtt = value["Fn::GetAtt"];
    return Array.isArray(getAtt) && typeof getAtt[0] === "string" ? getAtt[0] : undefined;
}

/** The stack's ECS services with their deployment settings, ordered so each follows the services it depends on. */
function planServices(resources: JsonObject): ServicePlan[] {
    const ids = Object.keys(resources).filter((id) => {
        const resource = resources[id];
        return isObject(resource) && resource.Type === "AWS::ECS::Service";
    });
    const propertiesOf = (id: string | undefined): JsonObject => {
        const resource = id === undefined ? undefined : resources[id];
        return isObject(resource) && isObject(resource.Properties) ? resource.Properties : {};
    };
    const nameOf = (id: string): string => {
        const family = propertiesOf(referencedId(propertiesOf(id).TaskDefinition)).Family;
        return typeof family === "string" ? family : id;
    };
    const dependsOn = (id: string): string[] => {
        const resource = resources[id];
        const raw = isObject(resource) ? resource.DependsOn : undefined;
        const list = Array.isArray(raw) ? raw : [raw];
        return list.flatMap((dep) => (typeof dep === "string" && ids.includes(dep) ? [dep] : []));
    };
    const ordered: string[] = [];
    const visit = (id: string, path: string[]): void => {
        if (ordered.includes(id) || path.includes(id)) return;
        for (const dep of dependsOn(id)) visit(dep, [...path, id]);
        ordered.push(id);
    };
    for (const id of ids) visit(id, []);
    return ordered.map((id) => {
        const p = propertiesOf(id);
        const deployment = isObject(p.DeploymentConfiguration) ? p.DeploymentConfiguration : {};
        const registries = Array.isArray(p.ServiceRegistries) ? p.ServiceRegistries : [];
        const registry = registries.find(isObject);
        const dnsName = propertiesOf(referencedId(registry?.RegistryArn)).Name;
        const numberOr = (value: Json | undefined) => (typeof value === "number" ? value : undefined);
        return {
            name: nameOf(id),
            desiredCount: numberOr(p.DesiredCount),
            minHealthyPercent: numberOr(deployment.MinimumHealthyPercent),
            maxPercent: numberOr(deployment.MaximumPercent),
            dnsName: typeof dnsName === "string" ? dnsName : undefined,
            after: dependsOn(id).map(nameOf),
        };
    });
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
        if (plan.services.length > 0) lines.push(...formatServices(plan));
        if (plan.registration) {
            lines.push(
                `  restate registration: release ${plan.registration.releaseId} at ${plan.registration.deploymentUri}`,
            );
        }
        lines.push("");
    }
    return lines.join("\n");
}

function formatServices(plan: StackPlan): string[] {
    const lines = ["  ecs services (in update order):"];
    for (const service of plan.services) {
        const parts = [
            `desired ${service.desiredCount ?? "?"}`,
            `min ${service.minHealthyPercent ?? "?"} % / max ${service.maxPercent ?? "?"} %`,
        ];
        if (service.dnsName) parts.push(`dns ${service.dnsName}`);
        if (service.after.length > 0) parts.push(`after ${service.after.join(", ")}`);
        lines.push(`    ${service.name}: ${parts.join(", ")}`);
    }
    if (plan.oneAtATime) {
        lines.push(
            `  deployment: one service at a time, in this order; CloudFormation updates each only after the one before it is stable (new task running and healthy)`,
        );
    }
    if (plan.services.every((s) => s.desiredCount === 1 && s.minHealthyPercent === 0 && s.maxPercent === 100)) {
        lines.push(
            plan.services.length === 1
                ? "  one task: a change stops it before the new one starts (never two on one data directory), a short outage"
                : "  each service stops its one task before starting the new one (never two on one data directory) while the others serve",
        );
    }
    return lines;
}
