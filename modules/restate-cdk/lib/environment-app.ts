import type { App } from "aws-cdk-lib";
import { Tags } from "aws-cdk-lib";
import type { EnvironmentSettings } from "../config/environments";
import { DataStack } from "./data-stack";
import { LeadProcessorStack } from "./lead-processor-stack";
import { stackNames } from "./names";
import { NetworkStack } from "./network-stack";
import { RestateServerStack } from "./restate-server-stack";
import { TwilioProxyStack } from "./twilio-proxy-stack";

export interface EnvironmentStacks {
    network: NetworkStack;
    data: DataStack;
    restateServer: RestateServerStack;
    twilioProxy: TwilioProxyStack;
    service: LeadProcessorStack;
}

export interface BuildOptions {
    /** Overrides the lead-processor release id derived from its image (context `release`). */
    releaseId?: string;
}

/** All stacks of one environment, wired together. */
export function buildEnvironment(app: App, settings: EnvironmentSettings, opts: BuildOptions = {}): EnvironmentStacks {
    const names = stackNames(settings.name);
    const env = { account: settings.account, region: settings.region };
    const common = { env, settings, terminationProtection: settings.name === "production" };

    const network = new NetworkStack(app, names.network, {
        ...common,
        description: "Lead processor: VPC, ECS cluster, private DNS namespace",
    });
    const data = new DataStack(app, names.data, {
        ...common,
        description: "Lead processor: DynamoDB tables (PITR, retained)",
    });
    const restateServer = new RestateServerStack(app, names.restateServer, {
        ...common,
        network,
        description: "Lead processor: Restate server on ECS with EFS storage, ingress and admin load balancers",
    });
    const twilioProxy = new TwilioProxyStack(app, names.twilioProxy, {
        ...common,
        network,
        description: "Lead processor: Twilio proxy on ECS Fargate behind an internal load balancer",
    });
    const service = new LeadProcessorStack(app, names.service, {
        ...common,
        network,
        restate: restateServer,
        twilioProxy,
        releaseId: opts.releaseId,
        description: "Lead processor: Restate endpoint on ECS Fargate, one service per release, registration",
    });
    // Table ARNs are computed, not imported; the dependency only orders the first deployment.
    service.addStackDependency(data);

    for (const stack of [network, data, restateServer, twilioProxy, service]) {
        Tags.of(stack).add("project", "lead-processor");
        Tags.of(stack).add("environment", settings.name);
    }
    return { network, data, restateServer, twilioProxy, service };
}
