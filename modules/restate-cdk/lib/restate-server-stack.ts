import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as efs from "aws-cdk-lib/aws-efs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as route53Targets from "aws-cdk-lib/aws-route53-targets";
import type { Construct } from "constructs";
import { type EnvironmentSettings, publicIngressUrl } from "../config/environments";
import { RESTATE_PORTS } from "./names";
import type { NetworkStack } from "./network-stack";

export interface RestateServerStackProps extends StackProps {
    settings: EnvironmentSettings;
    network: NetworkStack;
}

const DATA_DIR = "/restate-data";

/** OTLP (gRPC, localhost:4317) in, AWS X-Ray out: the collector sidecar's whole configuration. */
const XRAY_COLLECTOR_CONFIG = [
    "receivers:",
    "  otlp:",
    "    protocols:",
    "      grpc:",
    "        endpoint: 127.0.0.1:4317",
    "processors:",
    "  batch: {}",
    "exporters:",
    "  awsxray: {}",
    "service:",
    "  pipelines:",
    "    traces:",
    "      receivers: [otlp]",
    "      processors: [batch]",
    "      exporters: [awsxray]",
    "",
].join("\n");

/**
 * The Restate server: exactly one Fargate task whose data directory is on EFS, so it survives task replacement.
 *
 * - Public ALB: TLS 443 (ACM certificate) → ingress 8080, open to the internet (forms, Twilio webhooks).
 * - Internal ALB: plain-HTTP ingress 8080 → 8080 and the admin API 9070 → 9070, only from the VPC and the
 *   admin/VPN ranges.
 * - Deployment min 0 % / max 100 %: the old task stops before the new one starts, because two servers must
 *   never open the same data directory. Each server upgrade is therefore a short outage (see README).
 */
export class RestateServerStack extends Stack {
    /** Admin API base URL, reachable inside the VPC (used by the registrar). */
    readonly adminUrl: string;
    /** Plain-HTTP ingress for callers inside the VPC or on the VPN. */
    readonly internalIngressUrl: string;
    readonly taskSecurityGroup: ec2.SecurityGroup;
    readonly service: ecs.FargateService;

    constructor(scope: Construct, id: string, props: RestateServerStackProps) {
        super(scope, id, props);
        const { settings, network } = props;
        const { vpc, cluster } = network;
        const env = settings.name;
        const allowList = [vpc.vpcCidrBlock, ...settings.network.adminCidrs];
        const retain = env === "production" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        this.taskSecurityGroup = new ec2.SecurityGroup(this, "TaskSecurityGroup", {
            vpc,
            description: "Restate server task",
            allowAllOutbound: true,
        });

        // --- durable storage -------------------------------------------------------------------------------
        const fileSystem = new efs.FileSystem(this, "Data", {
            vpc,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            encrypted: true,
            performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
            throughputMode: efs.ThroughputMode.ELASTIC,
            enableAutomaticBackups: true,
            removalPolicy: RemovalPolicy.RETAIN,
        });
        const accessPoint = fileSystem.addAccessPoint("RestateData", {
            path: "/restate",
            createAcl: { ownerUid: "1000", ownerGid: "1000", permissions: "750" },
            posixUser: { uid: "1000", gid: "1000" },
        });
        fileSystem.connections.allowDefaultPortFrom(this.taskSecurityGroup, "Restate task mounts its data");

        // --- task ------------------------------------------------------------------------------------------
        const logGroup = new logs.LogGroup(this, "Logs", {
            logGroupName: `/lead-processor/${env}/restate-server`,
            retention: settings.logRetentionDays,
            removalPolicy: retain,
        });
        const taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
            family: `restate-server-${env}`,
            cpu: settings.restate.size.cpu,
            memoryLimitMiB: settings.restate.size.memoryMiB,
            runtimePlatform: {
                cpuArchitecture: ecs.CpuArchitecture.X86_64,
                operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
            },
            volumes: [
                {
                    name: "restate-data",
                    efsVolumeConfiguration: {
                        fileSystemId: fileSystem.fileSystemId,
                        transitEncryption: "ENABLED",
                        authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: "ENABLED" },
                    },
                },
            ],
        });
        fileSystem.grant(taskDefinition.taskRole, "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite");

        const tracing = settings.restate.tracing;
        const tracingEnv: Record<string, string> =
            tracing.mode === "xray"
                ? { RESTATE_TRACING_ENDPOINT: "http://127.0.0.1:4317" }
                : tracing.mode === "otlp"
                  ? { RESTATE_TRACING_ENDPOINT: tracing.endpoint }
                  : {};

        const restate = taskDefinition.addContainer("restate", {
            image: ecs.ContainerImage.fromRegistry(`${settings.restate.image}:${settings.restate.version}`),
            essential: true,
            environment: {
                ...settings.restate.environment,
                RESTATE_BASE_DIR: DATA_DIR,
                // The node's identity lives in the data directory; a stable name lets a replacement task resume it.
                RESTATE_NODE_NAME: `restate-${env}`,
                RESTATE_CLUSTER_NAME: `lead-processor-${env}`,
                // No unix sockets on the NFS-backed data directory.
                RESTATE_LISTEN_MODE: "tcp",
                RESTATE_LOG_FORMAT: "json",
                ...tracingEnv,
            },
            portMappings: [
                { name: "ingress", containerPort: RESTATE_PORTS.ingress },
                { name: "admin", containerPort: RESTATE_PORTS.admin },
                { name: "node", containerPort: RESTATE_PORTS.node },
            ],
            logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: "restate" }),
            // Give RocksDB time to flush on SIGTERM (Fargate's maximum).
            stopTimeout: Duration.seconds(120),
            ulimits: [{ name: ecs.UlimitName.NOFILE, softLimit: 65536, hardLimit: 65536 }],
        });
        restate.addMountPoints({ sourceVolume: "restate-data", containerPath: DATA_DIR, readOnly: false });

        if (tracing.mode === "xray") {
            taskDefinition.addContainer("otel-collector", {
                image: ecs.ContainerImage.fromRegistry(`${tracing.collectorImage}:${tracing.collectorVersion}`),
                // Losing traces must not take the server down.
                essential: false,
                memoryReservationMiB: 128,
                environment: { AOT_CONFIG_CONTENT: XRAY_COLLECTOR_CONFIG },
                logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: "otel" }),
            });
            taskDefinition.addToTaskRolePolicy(
                new iam.PolicyStatement({
                    // X-Ray write actions do not support resource-level permissions.
                    actions: [
                        "xray:PutTraceSegments",
                        "xray:PutTelemetryRecords",
                        "xray:GetSamplingRules",
                        "xray:GetSamplingTargets",
                    ],
                    resources: ["*"],
                }),
            );
        }

        this.service = new ecs.FargateService(this, "Service", {
            cluster,
            taskDefinition,
            desiredCount: 1,
            // One server at a time: stop the old task, then start the new one (no overlap on the data dir).
            minHealthyPercent: 0,
            maxHealthyPercent: 100,
            circuitBreaker: { enable: true, rollback: true },
            healthCheckGracePeriod: Duration.minutes(3),
            securityGroups: [this.taskSecurityGroup],
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            assignPublicIp: false,
            platformVersion: ecs.FargatePlatformVersion.LATEST,
        });

        const targetGroup = (id: string, port: number, healthPath: string) =>
            new elbv2.ApplicationTargetGroup(this, id, {
                vpc,
                port,
                protocol: elbv2.ApplicationProtocol.HTTP,
                targetType: elbv2.TargetType.IP,
                deregistrationDelay: Duration.seconds(30),
                healthCheck: {
                    path: healthPath,
                    port: String(port),
                    healthyHttpCodes: "200",
                    interval: Duration.seconds(15),
                    healthyThresholdCount: 2,
                    unhealthyThresholdCount: 3,
                },
                targets: [this.service.loadBalancerTarget({ containerName: "restate", containerPort: port })],
            });

        // --- public load balancer: TLS only -------------------------------------------------------------------
        const publicLb = new elbv2.ApplicationLoadBalancer(this, "PublicLoadBalancer", {
            vpc,
            internetFacing: true,
            vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
            // Long enough for `/attach` and request-response calls that wait on a durable handler.
            idleTimeout: Duration.minutes(5),
            dropInvalidHeaderFields: true,
        });
        publicLb.addListener("Https", {
            port: 443,
            protocol: elbv2.ApplicationProtocol.HTTPS,
            certificates: [elbv2.ListenerCertificate.fromArn(settings.dns.certificateArn)],
            sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
            open: true,
            defaultTargetGroups: [targetGroup("PublicIngressTargets", RESTATE_PORTS.ingress, "/restate/health")],
        });

        // --- internal load balancer: plain ingress 8080 and admin 9070, VPC and VPN only -------------------
        // (An in-VPC caller would reach an internet-facing balancer through NAT, from a public address, so the
        // plain-HTTP ingress and the admin API live on an internal balancer instead.)
        const internalLb = new elbv2.ApplicationLoadBalancer(this, "InternalLoadBalancer", {
            vpc,
            internetFacing: false,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            idleTimeout: Duration.minutes(5),
            dropInvalidHeaderFields: true,
        });
        internalLb.addListener("Ingress", {
            port: RESTATE_PORTS.ingress,
            protocol: elbv2.ApplicationProtocol.HTTP,
            open: false,
            defaultTargetGroups: [targetGroup("InternalIngressTargets", RESTATE_PORTS.ingress, "/restate/health")],
        });
        internalLb.addListener("Admin", {
            port: RESTATE_PORTS.admin,
            protocol: elbv2.ApplicationProtocol.HTTP,
            open: false,
            defaultTargetGroups: [targetGroup("AdminTargets", RESTATE_PORTS.admin, "/health")],
        });
        for (const cidr of allowList) {
            for (const [port, what] of [
                [RESTATE_PORTS.ingress, "Restate ingress (plain HTTP)"],
                [RESTATE_PORTS.admin, "Restate admin API"],
            ] as const) {
                internalLb.connections.allowFrom(ec2.Peer.ipv4(cidr), ec2.Port.tcp(port), what);
            }
        }

        this.adminUrl = `http://${internalLb.loadBalancerDnsName}:${RESTATE_PORTS.admin}`;
        this.internalIngressUrl = `http://${internalLb.loadBalancerDnsName}:${RESTATE_PORTS.ingress}`;

        // --- DNS (optional) ---------------------------------------------------------------------------------
        if (settings.dns.hostedZoneId) {
            const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
                hostedZoneId: settings.dns.hostedZoneId,
                zoneName: settings.dns.domain,
            });
            new route53.ARecord(this, "IngressRecord", {
                zone,
                recordName: "restate",
                target: route53.RecordTarget.fromAlias(new route53Targets.LoadBalancerTarget(publicLb)),
            });
            // Resolves publicly to private addresses: usable from the VPC and over the VPN only.
            new route53.ARecord(this, "InternalRecord", {
                zone,
                recordName: "restate-internal",
                target: route53.RecordTarget.fromAlias(new route53Targets.LoadBalancerTarget(internalLb)),
            });
        }

        new CfnOutput(this, "PublicIngressUrl", { value: publicIngressUrl(settings) });
        new CfnOutput(this, "PublicLoadBalancerDns", { value: publicLb.loadBalancerDnsName });
        new CfnOutput(this, "InternalIngressUrl", { value: this.internalIngressUrl });
        new CfnOutput(this, "AdminUrl", { value: this.adminUrl });
        new CfnOutput(this, "DataFileSystemId", { value: fileSystem.fileSystemId });
    }
}
