import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecrAssets from "aws-cdk-lib/aws-ecr-assets";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as servicediscovery from "aws-cdk-lib/aws-servicediscovery";
import { Construct } from "constructs";
import { type EnvironmentSettings, publicIngressUrl } from "../config/environments";
import { tableArns } from "./data-stack";
import { serviceImageAsset } from "./images";
import { LEAD_PROCESSOR_PORT, RELEASE_TAGS, releaseHost } from "./names";
import type { NetworkStack } from "./network-stack";
import { RestateRegistration } from "./restate-registration";
import type { RestateServerStack } from "./restate-server-stack";
import type { TwilioProxyStack } from "./twilio-proxy-stack";

/** JSON keys of the lead processor's secret that become container secrets (all required at start-up). */
export const LEAD_PROCESSOR_SECRET_KEYS = [
    "INTERNAL_API_TOKEN",
    "TWILIO_AUTH_TOKEN",
    "NEXUS_CLIENT_ID",
    "NEXUS_CLIENT_SECRET",
    "RLM_GOD_EMAIL",
    "RLM_GOD_API_KEY",
    "DHQ_API_KEY",
    "BOTPRESS_API_TOKEN",
    "ACTON_CLIENT_ID",
    "ACTON_CLIENT_SECRET",
    "ACTON_USERNAME",
    "ACTON_PASSWORD",
] as const;

/** The only table operations the service performs. */
export const TABLE_ACTIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Scan", "Query"].map(
    (a) => `dynamodb:${a}`,
);

export interface LeadProcessorStackProps extends StackProps {
    settings: EnvironmentSettings;
    network: NetworkStack;
    restate: RestateServerStack;
    twilioProxy: TwilioProxyStack;
    /** Overrides the release id derived from the image (context `release`). */
    releaseId?: string;
}

/**
 * The lead processor: one Fargate service *per release*, each named `r-<release>` in Cloud Map and registered
 * with Restate at `http://r-<release>.<namespace>:9080/` (HTTP/2 cleartext straight to the tasks, no load
 * balancer in the path).
 *
 * The release id is the first 12 hex digits of the image's content hash, so it changes exactly when the shipped
 * code changes. A new release gets new logical ids; the previous release's service, task definition and Cloud
 * Map name have DeletionPolicy RETAIN, so CloudFormation leaves them running when they leave the template and
 * their pinned invocations finish there. The registrar prunes them once drained.
 */
export class LeadProcessorStack extends Stack {
    readonly releaseId: string;
    readonly deploymentUri: string;
    readonly release: LeadProcessorRelease;
    readonly registration: RestateRegistration;

    constructor(scope: Construct, id: string, props: LeadProcessorStackProps) {
        super(scope, id, props);
        const { settings, network, restate, twilioProxy } = props;
        const env = settings.name;
        const lp = settings.leadProcessor;

        const image = serviceImageAsset(this, "Image", "lead_processor");
        this.releaseId = props.releaseId ?? image.assetHash.slice(0, 12);
        if (!/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(this.releaseId)) {
            throw new Error(`release id "${this.releaseId}" must be 1-40 lower-case letters, digits or dashes`);
        }
        this.deploymentUri = `http://${releaseHost(env, this.releaseId)}:${LEAD_PROCESSOR_PORT}/`;

        // --- shared by all releases ---------------------------------------------------------------------------
        const logGroup = new logs.LogGroup(this, "Logs", {
            logGroupName: `/lead-processor/${env}/lead-processor`,
            retention: settings.logRetentionDays,
            removalPolicy: env === "production" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        const taskRole = new iam.Role(this, "TaskRole", {
            assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
            description: "Lead processor tasks: its three DynamoDB tables, nothing else",
        });
        taskRole.addToPolicy(
            new iam.PolicyStatement({
                sid: "LeadProcessorTables",
                actions: TABLE_ACTIONS,
                resources: tableArns(this, settings.tablePrefix),
            }),
        );
        const executionRole = new iam.Role(this, "ExecutionRole", {
            assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
            description: "Pulls the image, writes logs and reads the secrets at task start",
        });
        const securityGroup = new ec2.SecurityGroup(this, "TaskSecurityGroup", {
            vpc: network.vpc,
            description: "Lead processor tasks",
            allowAllOutbound: true,
        });
        securityGroup.addIngressRule(
            restate.taskSecurityGroup,
            ec2.Port.tcp(LEAD_PROCESSOR_PORT),
            "Restate server calls the endpoint (h2c)",
        );
        new ec2.CfnSecurityGroupIngress(this, "TwilioProxyFromLeadProcessor", {
            groupId: twilioProxy.loadBalancerSecurityGroup.securityGroupId,
            sourceSecurityGroupId: securityGroup.securityGroupId,
            ipProtocol: "tcp",
            fromPort: 80,
            toPort: 80,
            description: "Lead processor calls the Twilio proxy",
        });

        const secret = secretsmanager.Secret.fromSecretCompleteArn(this, "Secret", lp.secretArn);
        const secrets: Record<string, ecs.Secret> = {
            ...Object.fromEntries(
                LEAD_PROCESSOR_SECRET_KEYS.map((key) => [key, ecs.Secret.fromSecretsManager(secret, key)]),
            ),
            // The proxy's own password, so the two can never drift apart.
            TWILIO_PROXY_PASS: ecs.Secret.fromSecretsManager(twilioProxy.secret, "AUTH_PASSWORD"),
        };
        const environment: Record<string, string> = {
            ...lp.environment,
            PORT: String(LEAD_PROCESSOR_PORT),
            HOST: "0.0.0.0",
            LOG_FORMAT: "json",
            AWS_REGION: settings.region,
            TABLE_PREFIX: settings.tablePrefix,
            PUBLIC_RESTATE_INGRESS_URL: publicIngressUrl(settings),
            TWILIO_PROXY_URL: twilioProxy.url,
            TWILIO_PROXY_USER: settings.twilioProxy.authUsername,
        };

        // --- this release ---------------------------------------------------------------------------------
        this.release = new LeadProcessorRelease(this, `Release-${this.releaseId}`, {
            env,
            releaseId: this.releaseId,
            cluster: network.cluster,
            namespace: network.namespace,
            image,
            taskRole,
            executionRole,
            securityGroup,
            logGroup,
            environment,
            secrets,
            size: lp.size,
            scaling: lp.scaling,
        });

        this.registration = new RestateRegistration(this, "Registration", {
            vpc: network.vpc,
            cluster: network.cluster,
            namespace: network.namespace,
            environment: env,
            adminUrl: restate.adminUrl,
            releaseId: this.releaseId,
            deploymentUri: this.deploymentUri,
            useHttp11: false,
            retainedReleases: lp.retainedReleases,
            releaseService: this.release.service,
            logRetention: settings.logRetentionDays,
        });

        new CfnOutput(this, "ReleaseId", { value: this.releaseId });
        new CfnOutput(this, "DeploymentUri", { value: this.deploymentUri });
    }
}

export interface LeadProcessorReleaseProps {
    env: string;
    releaseId: string;
    cluster: ecs.ICluster;
    namespace: servicediscovery.INamespace;
    image: ecrAssets.DockerImageAsset;
    taskRole: iam.IRole;
    executionRole: iam.IRole;
    securityGroup: ec2.ISecurityGroup;
    logGroup: logs.ILogGroup;
    environment: Record<string, string>;
    secrets: Record<string, ecs.Secret>;
    size: { cpu: number; memoryMiB: number };
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
