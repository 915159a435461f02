import { Duration, type RemovalPolicy, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as servicediscovery from "aws-cdk-lib/aws-servicediscovery";
import { restateServerTuningEnv } from "common";
import { Construct } from "constructs";
import type { EnvironmentSettings } from "../../config/environments";
import type { EnvironmentName } from "../names";
import { RESTATE_PORTS } from "../names";
import { type RestateNode, restateClusterName } from "../restate-cluster-nodes";
import type { RestateDataVolume } from "./restate-data-volume";

export interface RestateServerServiceProps {
    /** ECS cluster the service runs in (private subnets with egress, no public IP). */
    cluster: ecs.ICluster;
    /** Security group of the task; load balancers and the data volume open their rules to it. */
    securityGroup: ec2.ISecurityGroup;
    /** Where the data directory lives; mounted at `/restate-data`. */
    dataVolume: RestateDataVolume;
    /** Environment name (`development`, `production`): task family, cluster name, log group. */
    environmentName: EnvironmentName;
    /** The Restate node this service runs: its name (and, in a cluster, its index and DNS name). */
    node: RestateNode;
    /** Cluster mode: the settings that join the node to the cluster, and the namespace it registers its name in. */
    membership?: { environment: Record<string, string>; namespace: servicediscovery.INamespace };
    /** A log group shared with the other nodes; without it the service creates `/lead-processor/<env>/restate-server`. */
    logGroup?: logs.ILogGroup;
    /** Image, version, task size, tuning, tracing and extra `RESTATE_*` settings of the environment. */
    restate: EnvironmentSettings["restate"];
    /** Retention of the `/lead-processor/<env>/restate-server` log group. */
    logRetention: logs.RetentionDays;
    /** What happens to the log group when it leaves the template (RETAIN in production). */
    logRemovalPolicy: RemovalPolicy;
}

const DATA_DIR = "/restate-data";
const DATA_VOLUME = "restate-data";

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
 * One Restate node as exactly one Fargate task: the pinned Restate image with its data directory on its own EFS
 * file system, JSON logs, a stable node name, and (tracing mode `xray`) a non-essential ADOT collector sidecar
 * exporting to X-Ray. In a cluster the node also registers its DNS name (fabric port 5122) in Cloud Map.
 *
 * Deployment min 0 % / max 100 %: the old task stops before the new one starts, because two servers must never
 * open the same data directory. With one node each server change is therefore a short outage; in a cluster the
 * other nodes serve meanwhile (see README).
 */
export class RestateServerService extends Construct {
    readonly taskDefinition: ecs.FargateTaskDefinition;
    readonly service: ecs.FargateService;
    readonly logGroup: logs.ILogGroup;

    constructor(scope: Construct, id: string, props: RestateServerServiceProps) {
        super(scope, id);
        const { restate, environmentName: env, node, membership } = props;

        this.logGroup =
            props.logGroup ??
            new logs.LogGroup(this, "Logs", {
                logGroupName: `/lead-processor/${env}/restate-server`,
                retention: props.logRetention,
                removalPolicy: props.logRemovalPolicy,
            });
        const logGroup = this.logGroup;
        // One node: streams `restate/…` and `otel/…`, as always; a cluster's nodes share the group, `node-<n>/…`.
        const streamPrefix = (single: string) => (membership ? `node-${node.index}` : single);
        this.taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
            family: node.index === 1 ? `restate-server-${env}` : `restate-server-${env}-${node.index}`,
            cpu: restate.size.cpu,
            memoryLimitMiB: restate.size.memoryMiB,
            runtimePlatform: {
                cpuArchitecture: ecs.CpuArchitecture.X86_64,
                operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
            },
            volumes: [props.dataVolume.volume(DATA_VOLUME)],
        });
        props.dataVolume.grantReadWrite(this.taskDefinition.taskRole);
        Validations.of(this.taskDefinition).acknowledge(
            {
                id: "AwsSolutions-ECS2",
                reason: "Restate's own settings (node name, tuning, listen mode); the server takes no credentials",
            },
            {
                id: "AwsSolutions-IAM5[Resource::*]",
                reason: "X-Ray's write actions have no resource-level permissions (tracing sidecar)",
            },
        );

        const container = this.taskDefinition.addContainer("restate", {
            image: ecs.ContainerImage.fromRegistry(`${restate.image}:${restate.version}`),
            essential: true,
            environment: {
                ...restate.environment,
                ...restateServerTuningEnv(restate.tuning),
                RESTATE_BASE_DIR: DATA_DIR,
                // The node's identity lives in the data directory; a stable name lets a replacement task resume it.
                RESTATE_NODE_NAME: node.name,
                RESTATE_CLUSTER_NAME: restateClusterName(env),
                // No unix sockets on the NFS-backed data directory.
                RESTATE_LISTEN_MODE: "tcp",
                RESTATE_LOG_FORMAT: "json",
                ...tracingEnvironment(restate.tracing),
                ...membership?.environment,
            },
            portMappings: [
                { name: "ingress", containerPort: RESTATE_PORTS.ingress },
                { name: "admin", containerPort: RESTATE_PORTS.admin },
                { name: "node", containerPort: RESTATE_PORTS.node },
            ],
            logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: streamPrefix("restate") }),
            // Give RocksDB time to flush on SIGTERM (Fargate's maximum).
            stopTimeout: Duration.seconds(120),
            ulimits: [{ name: ecs.UlimitName.NOFILE, softLimit: 65536, hardLimit: 65536 }],
        });
        container.addMountPoints({ sourceVolume: DATA_VOLUME, containerPath: DATA_DIR, readOnly: false });

        if (restate.tracing.mode === "xray") this.addXrayCollector(restate.tracing, logGroup, streamPrefix("otel"));

        this.service = new ecs.FargateService(this, "Service", {
            cluster: props.cluster,
            taskDefinition: this.taskDefinition,
            desiredCount: 1,
            // One server at a time: stop the old task, then start the new one (no overlap on the data dir).
            minHealthyPercent: 0,
            maxHealthyPercent: 100,
            circuitBreaker: { enable: true, rollback: true },
            healthCheckGracePeriod: Duration.minutes(3),
            securityGroups: [props.securityGroup],
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            assignPublicIp: false,
            platformVersion: ecs.FargatePlatformVersion.LATEST,
            // The other nodes reach this one at `<cloudMapName>.<namespace>:5122`, its advertised address.
            cloudMapOptions: membership && {
                cloudMapNamespace: membership.namespace,
                name: node.cloudMapName,
                dnsRecordType: servicediscovery.DnsRecordType.A,
                dnsTtl: Duration.seconds(10),
            },
        });
    }

    /** The collector sidecar and the X-Ray permissions it needs. */
    private addXrayCollector(
        tracing: Extract<EnvironmentSettings["restate"]["tracing"], { mode: "xray" }>,
        logGroup: logs.ILogGroup,
        streamPrefix: string,
    ): void {
        this.taskDefinition.addContainer("otel-collector", {
            image: ecs.ContainerImage.fromRegistry(`${tracing.collectorImage}:${tracing.collectorVersion}`),
            // Losing traces must not take the server down.
            essential: false,
            memoryReservationMiB: 128,
            environment: { AOT_CONFIG_CONTENT: XRAY_COLLECTOR_CONFIG },
            logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix }),
        });
        this.taskDefinition.addToTaskRolePolicy(
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
}

/** Where Restate sends OTLP traces: the local sidecar, an existing collector, or nowhere. */
function tracingEnvironment(tracing: EnvironmentSettings["restate"]["tracing"]): Record<string, string> {
    switch (tracing.mode) {
        case "xray":
            return { RESTATE_TRACING_ENDPOINT: "http://127.0.0.1:4317" };
        case "otlp":
            return { RESTATE_TRACING_ENDPOINT: tracing.endpoint };
        case "off":
            return {};
    }
}
