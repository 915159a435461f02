import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import {
    ENVIRONMENTS,
    type EnvironmentSettings,
    type EnvironmentSettingsInput,
    loadEnvironment,
} from "../../config/environments";
import { type BuildOptions, buildEnvironment, type EnvironmentStacks } from "../../lib/environment-app";
import type { EnvironmentName, StackNames } from "../../lib/names";

const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The context the CDK CLI would pass: cdk.json's `context` plus the committed lookups in cdk.context.json. */
export function cliContext(): Record<string, unknown> {
    const cdkJson = JSON.parse(readFileSync(path.join(MODULE_DIR, "cdk.json"), "utf8")) as { context?: object };
    const lookups = JSON.parse(readFileSync(path.join(MODULE_DIR, "cdk.context.json"), "utf8")) as object;
    return { ...cdkJson.context, ...lookups };
}

export interface Synthesized {
    settings: EnvironmentSettings;
    stacks: EnvironmentStacks;
    assembly: CloudAssembly;
    templates: Record<keyof StackNames, Template>;
    /** Raw template JSON per stack, for scans over every resource. */
    json: Record<keyof StackNames, TemplateJson>;
}

export interface TemplateJson {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
    [key: string]: unknown;
}

/**
 * Synthesises one environment exactly as `cdk synth --context env=<name>` would (no AWS, no Docker), optionally
 * with its settings changed first (validated like the committed ones).
 */
export function synthesize(
    name: EnvironmentName,
    opts: BuildOptions = {},
    change: (settings: EnvironmentSettingsInput) => void = () => {},
): Synthesized {
    const outdir = mkdtempSync(path.join(tmpdir(), `restate-cdk-test-${name}-`));
    const app = new App({ outdir, context: cliContext() });
    const changed = structuredClone(ENVIRONMENTS[name]);
    change(changed);
    const settings = loadEnvironment(name, { ...ENVIRONMENTS, [name]: changed });
    const stacks = buildEnvironment(app, settings, opts);
    const assembly = app.synth();
    const keys = Object.keys(stacks) as (keyof StackNames)[];
    const json = Object.fromEntries(
        // A stack without resources (the data stack when it adopts the tables) has no Resources key at all.
        keys.map((key) => [key, { Resources: {}, ...assembly.getStackByName(stacks[key].stackName).template }]),
    ) as Record<keyof StackNames, TemplateJson>;
    const templates = Object.fromEntries(keys.map((key) => [key, Template.fromJSON(json[key])])) as Record<
        keyof StackNames,
        Template
    >;
    return { settings, stacks, assembly, templates, json };
}

export type Resource = TemplateJson["Resources"][string];

export function resourcesOfType(template: TemplateJson, type: string): [string, Resource][] {
    return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

export interface ContainerDefinition {
    Name: string;
    Image: unknown;
    Command?: string[];
    Environment?: { Name: string; Value: unknown }[];
    Secrets?: { Name: string; ValueFrom: unknown }[];
    PortMappings?: { ContainerPort: number }[];
    MountPoints?: { SourceVolume: string; ContainerPath: string; ReadOnly?: boolean }[];
}

export function containers(template: TemplateJson): ContainerDefinition[] {
    return resourcesOfType(template, "AWS::ECS::TaskDefinition").flatMap(
        ([, r]) => (r.Properties?.ContainerDefinitions as ContainerDefinition[] | undefined) ?? [],
    );
}

export function container(template: TemplateJson, name: string): ContainerDefinition {
    const found = containers(template).find((c) => c.Name === name);
    if (!found) throw new Error(`no container ${name}`);
    return found;
}
