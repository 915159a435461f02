import { Duration, type RemovalPolicy, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as s3 from "aws-cdk-lib/aws-s3";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../../config/environments";
import { serviceImageAsset } from "../images";
import { TWILIO_PROXY_PORT } from "../names";

/** JSON keys of the proxy's secret that become container secrets. */
export const TWILIO_PROXY_SECRET_KEYS = ["TWILIO_AUTH_TOKEN", "AUTH_PASSWORD"] as const;

export interface TwilioProxyServiceProps {
    /** Cluster the service runs in (private subnets with egress, no public IP). */
    cluster: ecs.ICluster;
    /** Environment name: task family and log group `/lead-processor/<env>/twilio-proxy`. */
    environmentName: string;
    /** Size, scaling, Twilio ids, basic-auth user and pool refresh of the environment. */
    proxy: EnvironmentSettings["twilioProxy"];
    /** The proxy's JSON secret; {@link TWILIO_PROXY_SECRET_KEYS} are read from it at task start. */
    secret: secretsmanager.ISecret;
    /** VPN / office ranges that may call the load balancer (for `/health`). */
    operatorCidrs: string[];
    /** Bucket of the load balancer's access logs (prefix `twilio-proxy`). */
    accessLogs: s3.IBucket;
    /** Retention of the log group. */
    logRetention: logs.RetentionDays;
    /** What happens to the log group when it leaves the template (RETAIN in production). */
    logRemovalPolicy: RemovalPolicy;
}

/**
 * The Twilio proxy (`POST /sessions`) on Fargate with CPU autoscaling, behind an *internal* ALB (`:80` → 3000,
 * `GET /health`). The balancer's security group admits only the operator ranges here; the lead processor's
 * stack adds its own rule.
 */
export class TwilioProxyService extends Construct {
    /** Base URL the lead processor calls (TWILIO_PROXY_URL). */
    readonly url: string;
    readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
    readonly service: ecs.FargateService;

    constructor(scope: Construct, id: string, props: TwilioProxyServiceProps) {
        super(scope, id);
        const { proxy, cluster } = props;
        const vpc = cluster.vpc;

        const logGroup = new logs.LogGroup(this, "Logs", {
            logGroupName: `/lead-processor/${props.environmentName}/twilio-proxy`,
            retention: props.logRetention,
            removalPolicy: props.logRemovalPolicy,
        });
        const taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
            family: `twilio-proxy-${props.environmentName}`,
            cpu: proxy.size.cpu,
            memoryLimitMiB: proxy.size.memoryMiB,
            runtimePlatform: {
                cpuArchitecture: ecs.CpuArchitecture.X86_64,
                operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
            },
        });
        taskDefinition.addContainer("twilio-proxy", {
            image: ecs.ContainerImage.fromDockerImageAsset(serviceImageAsset(this, "Image", "twilio_proxy")),
            essential: true,
            environment: {
                PORT: String(TWILIO_PROXY_PORT),
                LOG_FORMAT: "json",
                TWILIO_ACCOUNT_SID: proxy.twilioAccountSid,
                TWILIO_MESSAGING_SERVICE_SID: proxy.messagingServiceSid,
                AUTH_USERNAME: proxy.authUsername,
                POOL_REFRESH_SECONDS: String(proxy.poolRefreshSeconds),
            },
            secrets: Object.fromEntries(
                TWILIO_PROXY_SECRET_KEYS.map((key) => [key, ecs.Secret.fromSecretsManager(props.secret, key)]),
            ),
            portMappings: [{ containerPort: TWILIO_PROXY_PORT }],
            logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: "twilio-proxy" }),
            stopTimeout: Duration.seconds(30),
        });

        Validations.of(taskDefinition).acknowledge(
            {
                id: "AwsSolutions-ECS2",
                reason: "Plain settings only (ports, names, URLs, log levels); credentials are ECS secrets from Secrets Manager, and test/stacks.test.ts fails on a credential-like name or value in any environment",
            },
            {
                id: "AwsSolutions-IAM5[Resource::*]",
                reason: "ecr:GetAuthorizationToken (image pull) has no resource-level permissions",
            },
        );
        const service = new ecs.FargateService(this, "Service", {
            cluster,
            taskDefinition,
            desiredCount: proxy.scaling.minTasks,
            minHealthyPercent: 100,
            maxHealthyPercent: 200,
            circuitBreaker: { enable: true, rollback: true },
            healthCheckGracePeriod: Duration.seconds(60),
            securityGroups: [
                new ec2.SecurityGroup(this, "TaskSecurityGroup", {
                    vpc,
                    description: "Twilio proxy task",
                    allowAllOutbound: true,
                }),
            ],
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            assignPublicIp: false,
        });
        service
            .autoScaleTaskCount({ minCapacity: proxy.scaling.minTasks, maxCapacity: proxy.scaling.maxTasks })
            .scaleOnCpuUtilization("Cpu", { targetUtilizationPercent: 60 });

        this.loadBalancerSecurityGroup = new ec2.SecurityGroup(this, "LoadBalancerSecurityGroup", {
            vpc,
            description: "Twilio proxy internal load balancer",
            allowAllOutbound: false,
        });
        const lb = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
            vpc,
            internetFacing: false,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            securityGroup: this.loadBalancerSecurityGroup,
            dropInvalidHeaderFields: true,
        });
        lb.logAccessLogs(props.accessLogs, "twilio-proxy");
        const listener = lb.addListener("Http", { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false });
        listener.addTargets("Proxy", {
            port: TWILIO_PROXY_PORT,
            protocol: elbv2.ApplicationProtocol.HTTP,
            targets: [service],
            deregistrationDelay: Duration.seconds(30),
            healthCheck: { path: "/health", healthyHttpCodes: "200", interval: Duration.seconds(15) },
        });
        for (const cidr of props.operatorCidrs) {
            lb.connections.allowFrom(ec2.Peer.ipv4(cidr), ec2.Port.tcp(80), "operators (VPN)");
        }
        this.url = `http://${lb.loadBalancerDnsName}`;
        this.service = service;
    }
}
