/**
 * Names shared by the CDK app, the deploy script and the tests. Kept free of aws-cdk-lib imports so the
 * deploy script can validate its arguments and pick stacks without loading the CDK.
 */

export const ENVIRONMENT_NAMES = ["development", "production"] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

export const MODULE_NAMES = ["lead_processor", "twilio_proxy", "restate_server", "all"] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

export function isEnvironmentName(value: string): value is EnvironmentName {
    return (ENVIRONMENT_NAMES as readonly string[]).includes(value);
}

export function isModuleName(value: string): value is ModuleName {
    return (MODULE_NAMES as readonly string[]).includes(value);
}

/** `development` → `Development`, used as the stack-name suffix. */
export function environmentSuffix(env: EnvironmentName): string {
    return env.charAt(0).toUpperCase() + env.slice(1);
}

export interface StackNames {
    network: string;
    data: string;
    restateServer: string;
    twilioProxy: string;
    service: string;
}

export function stackNames(env: EnvironmentName): StackNames {
    const suffix = environmentSuffix(env);
    return {
        network: `LeadProcessor-Network-${suffix}`,
        data: `LeadProcessor-Data-${suffix}`,
        restateServer: `LeadProcessor-RestateServer-${suffix}`,
        twilioProxy: `LeadProcessor-TwilioProxy-${suffix}`,
        service: `LeadProcessor-Service-${suffix}`,
    };
}

/**
 * The stacks `bun run deploy <module> <environment>` deploys, in dependency order. Every module includes the
 * shared network stack (a no-op when unchanged); the lead processor includes its tables. Deploying one module
 * never touches another module's stack, so deploying the lead processor cannot restart the Restate server.
 */
export function stacksForModule(module: ModuleName, env: EnvironmentName): string[] {
    const s = stackNames(env);
    switch (module) {
        case "restate_server":
            return [s.network, s.restateServer];
        case "twilio_proxy":
            return [s.network, s.twilioProxy];
        case "lead_processor":
            return [s.network, s.data, s.service];
        case "all":
            return [s.network, s.data, s.restateServer, s.twilioProxy, s.service];
    }
}

/** Private DNS namespace (Cloud Map) of an environment; release addresses live under it. */
export function serviceNamespace(env: EnvironmentName): string {
    return `${env}.lead-processor.internal`;
}

/** Host name of one lead-processor release inside the namespace: `r-<releaseId>.<namespace>`. */
export function releaseHost(env: EnvironmentName, releaseId: string): string {
    return `r-${releaseId}.${serviceNamespace(env)}`;
}

export const LEAD_PROCESSOR_PORT = 9080;
export const TWILIO_PROXY_PORT = 3000;
export const RESTATE_PORTS = { ingress: 8080, admin: 9070, node: 5122 } as const;

/** Tags that mark the ECS service of one lead-processor release; the registrar's pruner looks for them. */
export const RELEASE_TAGS = {
    release: "lead-processor:release",
    environment: "lead-processor:environment",
} as const;

/** The environment's alarm topic; stacks compute its ARN from this name, so none exports it to another. */
export function alarmTopicName(env: EnvironmentName): string {
    return `lead-processor-${env}-alarms`;
}

/** One alarm of the environment, `lead-processor-<env>-<what>`; the dashboard finds every alarm by this name. */
export function alarmName(env: EnvironmentName, what: string): string {
    return `lead-processor-${env}-${what}`;
}

/** The environment's one CloudWatch dashboard. */
export function dashboardName(env: EnvironmentName): string {
    return `lead-processor-${env}`;
}
