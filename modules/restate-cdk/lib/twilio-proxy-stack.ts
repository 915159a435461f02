import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/environments";
import { serviceImageAsset } from "./images";
import { TWILIO_PROXY_PORT } from "./names";
import type { NetworkStack } from "./network-stack";

export interface TwilioProxyStackProps extends StackProps {
    settings: EnvironmentSettings;
    network: NetworkStack;
}

/** JSON keys of the proxy's secret that become container secrets. */
export const TWILIO_PROXY_SECRET_KEYS = ["TWILIO_AUTH_TOKEN", "AUTH_PASSWORD"] as const;

/**
 * The Twilio proxy (`POST /sessions`) on Fargate behind an *internal* ALB: its only caller is the lead
 * processor (Twilio's webhooks go to Restate ingress), so it is not reachable from the internet, unlike the
 * old system's unauthenticated Function URL. Basic-auth password and Twilio token are ECS secrets.
 */
export class TwilioProxyStack extends Stack {
    /** Base URL the lead processor calls (TWILIO_PROXY_URL). */
    readonly url: string;
    readonly secret: secretsmanager.ISecret;
    readonly loadBalancerSecurityGroup: ec2.SecurityGroup;

    constructor(scope: Construct, id: string, props: TwilioProxyStackProps) {
        super(scope, id, props);
        const { settings, network } = props;
        const { vpc, cluster } = network;
        const proxy = settings.twilioProxy;

        this.secret = secretsmanager.Secret.fromSecretCompleteArn(this, "Secret", proxy.secretArn);

        const logGroup = new logs.LogGroup(this, "Logs", {
            logGroupName: `/lead-processor/${settings.name}/twilio-proxy`,
            retention: settings.logRetentionDays,
            removalPolicy: settings.name === "production" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });

        const taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
            family: `twilio-proxy-${settings.name}`,
            cpu: proxy.size.cpu,
            memoryLimitMiB: proxy.size.memoryMiB,
            runtimePlatform: {
                cpuArchitecture: ecs.CpuArchitecture.X86_64,
                operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
            },
        });
        const image = serviceImageAsset(this, "Image", "twilio_proxy");
        taskDefinition.addContainer("twilio-proxy", {
            image: ecs.ContainerImage.fromDockerImageAsset(image),
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
                TWILIO_PROXY_SECRET_KEYS.map((key) => [key, ecs.Secret.fromSecretsManager(this.secret, key)]),
            ),
            portMappings: [{ containerPort: TWILIO_PROXY_PORT }],
            logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: "twilio-proxy" }),
            stopTimeout: Duration.seconds(30),
        });

        const taskSecurityGroup = new ec2.SecurityGroup(this, "TaskSecurityGroup", {
            vpc,
            description: "Twilio proxy task",
            allowAllOutbound: true,
        });
        const service = new ecs.FargateService(this, "Service", {
            cluster,
            taskDefinition,
            desiredCount: proxy.scaling.minTasks,
            minHealthyPercent: 100,
            maxHealthyPercent: 200,
            circuitBreaker: { enable: true, rollback: true },
            healthCheckGracePeriod: Duration.seconds(60),
            securityGroups: [taskSecurityGroup],
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
        const listener = lb.addListener("Http", { port: 80, protocol: elbv2.ApplicationProtocol.HTTP, open: false });
        listener.addTargets("Proxy", {
            port: TWILIO_PROXY_PORT,
            protocol: elbv2.ApplicationProtocol.HTTP,
            targets: [service],
            deregistrationDelay: Duration.seconds(30),
            healthCheck: {
                path: "/health",
                healthyHttpCodes: "200",
                interval: Duration.seconds(15),
            },
        });
        // Operators on the VPN may call /health; the lead processor's access is added by its own stack.
        for (const cidr of settings.network.adminCidrs) {
            lb.connections.allowFrom(ec2.Peer.ipv4(cidr), ec2.Port.tcp(80), "operators (VPN)");
        }

        this.url = `http://${lb.loadBalancerDnsName}`;
        new CfnOutput(this, "TwilioProxyUrl", { value: this.url });
    }
}
