import { Duration, RemovalPolicy, Tags, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecrAssets from "aws-cdk-lib/aws-ecr-assets";
import * as ecs from "aws-cdk-lib/aws-ecs";
import type * as iam from "aws-cdk-lib/aws-iam";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as servicediscovery from "aws-cdk-lib/aws-servicediscovery";
import { Construct } from "constructs";
import { LEAD_PROCESSOR_PORT, RELEASE_TAGS } from "../names";

/** What a task of the lead-processor image runs with: the release's tasks and the health report's alike. */
export interface LeadProcessorTaskProps {
    /** The lead processor image of this release. */
    image: ecrAssets.DockerImageAsset;
    /** Role of the running tasks (table access), shared by all releases. */
    taskRole: iam.IRole;
    /** Role ECS uses to pull the image, write logs and read the secrets at task start. */
    executionRole: iam.IRole;
    /** Security group of the tasks (Restate may call 9080). */
    securityGroup: ec2.ISecurityGroup;
    /** Log group shared by all releases; each release writes under its own stream prefix. */
    logGroup: logs.ILogGroup;
    /** Plain environment variables of the container. */
    environment: Record<string, string>;
    /** Container secrets, resolved by ECS from Secrets Manager when a task starts. */
    secrets: Record<string, ecs.Secret>;
}

export interface LeadProcessorReleaseProps extends LeadProcessorTaskProps {
    /** Environment name: task family and the environment tag the pruner matches. */
    env: string;
    /** Release id (image hash prefix): Cloud Map name `r-<release>`, log stream prefix and release tag. */
    releaseId: string;
    /** Cluster the release's service runs in. */
    cluster: ecs.ICluster;
    /** Private DNS namespace in which the release gets its name. */
    namespace: servicediscovery.INamespace;
    /** Fargate CPU units and memory of a task. */
    size: { cpu: number; memoryMiB: number };
    /** Task count bounds; CPU autoscaling keeps utilisation near 60 %. */
    scaling: { minTasks: number; maxTasks: number };
}

/** Everything that belongs to one release; what outlives the template (RETAIN) is what serves draining calls. */
export class LeadProcessorRelease extends Construct {
    readonly service: ecs.FargateService;
    readonly taskDefinition: ecs.FargateTaskDefinition;
    readonly cloudMapService: servicediscovery.Service;

    constructor(scope: Construct, id: string, props: LeadProcessorReleaseProps) {
        super(scope, id);

        this.taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
            family: `lead-processor-${props.env}`,
            cpu: props.size.cpu,
            memoryLimitMiB: props.size.memoryMiB,
            taskRole: props.taskRole,
            executionRole: props.executionRole,
            runtimePlatform: {
                cpuArchitecture: ecs.CpuArchitecture.X86_64,
                operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
            },
        });
        this.taskDefinition.addContainer("lead-processor", {
            image: ecs.ContainerImage.fromDockerImageAsset(props.image),
            essential: true,
            environment: props.environment,
            secrets: props.secrets,
            portMappings: [{ containerPort: LEAD_PROCESSOR_PORT }],
            logging: ecs.LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: `r-${props.releaseId}` }),
            // The runtime image has node but no curl: a TCP connect to the endpoint port.
            healthCheck: {
                command: [
                    "CMD",
                    "node",
                    "-e",
                    `require("net").connect(${LEAD_PROCESSOR_PORT},"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))`,
                ],
                interval: Duration.seconds(15),
                timeout: Duration.seconds(5),
                retries: 3,
                startPeriod: Duration.seconds(20),
            },
            stopTimeout: Duration.seconds(30),
        });

        Validations.of(this.taskDefinition).acknowledge({
            id: "AwsSolutions-ECS2",
            reason: "Plain settings only (ports, names, URLs, log levels); credentials are ECS secrets from Secrets Manager, and test/stacks.test.ts fails on a credential-like name or value in any environment",
        });

        this.cloudMapService = new servicediscovery.Service(this, "Name", {
            namespace: props.namespace,
            name: `r-${props.releaseId}`,
            description: `Lead processor release ${props.releaseId}`,
            dnsRecordType: servicediscovery.DnsRecordType.A,
            dnsTtl: Duration.seconds(10),
            customHealthCheck: { failureThreshold: 1 },
        });

        this.service = new ecs.FargateService(this, "Service", {
            cluster: props.cluster,
            taskDefinition: this.taskDefinition,
            desiredCount: props.scaling.minTasks,
            minHealthyPercent: 100,
            maxHealthyPercent: 200,
            circuitBreaker: { enable: true, rollback: true },
            securityGroups: [props.securityGroup],
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            assignPublicIp: false,
            propagateTags: ecs.PropagatedTagSource.SERVICE,
        });
        this.service.associateCloudMapService({ service: this.cloudMapService });
        this.service
            .autoScaleTaskCount({ minCapacity: props.scaling.minTasks, maxCapacity: props.scaling.maxTasks })
            .scaleOnCpuUtilization("Cpu", { targetUtilizationPercent: 60 });

        Tags.of(this.service).add(RELEASE_TAGS.release, props.releaseId);
        Tags.of(this.service).add(RELEASE_TAGS.environment, props.env);

        // When the next release replaces this one in the template, CloudFormation keeps these running.
        this.service.applyRemovalPolicy(RemovalPolicy.RETAIN);
        this.taskDefinition.applyRemovalPolicy(RemovalPolicy.RETAIN);
        this.cloudMapService.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
}
