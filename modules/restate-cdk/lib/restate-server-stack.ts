import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { type EnvironmentSettings, publicIngressUrl } from "../config/environments";
import { IngressRateLimits } from "./constructs/ingress-rate-limits";
import type { OperationsAlarm } from "./constructs/operations-alarm";
import { RestateAlarms, type RestateNodeWatch } from "./constructs/restate-alarms";
import { RestateDataVolume } from "./constructs/restate-data-volume";
import { RestateDnsRecords } from "./constructs/restate-dns-records";
import { RestateInternalAccess } from "./constructs/restate-internal-access";
import { RestatePublicIngress } from "./constructs/restate-public-ingress";
import { RestateServerService } from "./constructs/restate-server-service";
import { RestateSnapshotBucket } from "./constructs/restate-snapshot-bucket";
import { RESTATE_PORTS } from "./names";
import type { NetworkStack } from "./network-stack";
import { clusterNodeEnvironment, restateClusterName, restateNodes } from "./restate-cluster-nodes";

export interface RestateServerStackProps extends StackProps {
    /** The environment's validated settings (Restate image and size, DNS, admin ranges, log retention). */
    settings: EnvironmentSettings;
    /** VPC, ECS cluster and private DNS namespace (the nodes' names in cluster mode) the server runs in. */
    network: NetworkStack;
}

/**
 * The Restate server: one Fargate task with its data on EFS (`restate.mode` single), or one ECS service per node,
 * each with its own EFS file system, its own DNS name and partition snapshots in S3, replaced one after another
 * (cluster); a public TLS ingress, an internal balancer for plain ingress and the admin API (VPC and VPN only), and
 * optional DNS names for both. Node 1 keeps the construct ids of the single node, so an environment switched from
 * single to cluster keeps its file system, its node and its data.
 */
export class RestateServerStack extends Stack {
    /** Admin API base URL, reachable inside the VPC (used by the registrar). */
    readonly adminUrl: string;
    /** Plain-HTTP ingress for callers inside the VPC or on the VPN. */
    readonly internalIngressUrl: string;
    /** The server task's security group; the lead processor admits Restate's calls from it. */
    readonly taskSecurityGroup: ec2.SecurityGroup;
    /** Node 1's ECS service (the only one in single mode). */
    readonly service: ecs.FargateService;
    /** Every node's ECS service, in deployment order. */
    readonly services: ecs.FargateService[];
    /** Cluster mode: where partition snapshots go. */
    readonly snapshots: RestateSnapshotBucket | undefined;
    /** This stack's alarms (the dashboard shows them). */
    readonly alarms: OperationsAlarm[];

    constructor(scope: Construct, id: string, props: RestateServerStackProps) {
        super(scope, id, props);
        const { settings } = props;
        const { vpc, cluster } = props.network;

        this.taskSecurityGroup = new ec2.SecurityGroup(this, "TaskSecurityGroup", {
            vpc,
            description: "Restate server task",
            allowAllOutbound: true,
        });
        const clustered = settings.restate.mode === "cluster";
        this.snapshots = clustered
            ? new RestateSnapshotBucket(this, "Snapshots", {
                  prefix: restateClusterName(settings.name),
                  // By name: a reference to the bucket itself would make the network stack grant this one.
                  accessLogs: s3.Bucket.fromBucketName(this, "AccessLogs", props.network.accessLogs.bucket.bucketName),
              })
            : undefined;
        const nodes = restateNodes(settings.name, settings.restate.nodes);
        const servers: RestateServerService[] = [];
        const watched: RestateNodeWatch[] = [];
        for (const node of nodes) {
            const suffix = node.index === 1 ? "" : String(node.index);
            const data = new RestateDataVolume(this, `Data${suffix}`, { vpc, client: this.taskSecurityGroup });
            const server = new RestateServerService(this, `Server${suffix}`, {
                cluster,
                securityGroup: this.taskSecurityGroup,
                dataVolume: data,
                environmentName: settings.name,
                node,
                restate: settings.restate,
                logRetention: settings.logRetentionDays,
                logRemovalPolicy: settings.name === "production" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
                logGroup: servers[0]?.logGroup,
                membership: this.snapshots && {
                    namespace: props.network.namespace,
                    environment: {
                        ...clusterNodeEnvironment({
                            env: settings.name,
                            nodes,
                            node,
                            snapshotDestination: this.snapshots.destination,
                        }),
                        // The snapshot store's S3 client signs for this region.
                        AWS_REGION: this.region,
                    },
                },
            });
            this.snapshots?.grantSnapshots(server.taskDefinition.taskRole);
            // One node at a time: CloudFormation updates a node's service only once the previous node's service is
            // stable again (its new task running and healthy behind the load balancers).
            const previous = servers.at(-1);
            if (previous) server.service.node.addDependency(previous.service);
            servers.push(server);
            watched.push({ suffix, service: server.service, dataFileSystem: data.fileSystem });
            new CfnOutput(this, `DataFileSystemId${suffix}`, { value: data.fileSystem.fileSystemId });
        }
        this.services = servers.map((server) => server.service);
        const [first] = this.services;
        if (!first) throw new Error("restate.nodes must be at least 1");
        this.service = first;
        if (clustered) {
            this.taskSecurityGroup.connections.allowFrom(
                this.taskSecurityGroup,
                ec2.Port.tcp(RESTATE_PORTS.node),
                "Restate nodes: log, metadata and partition traffic",
            );
            // restatectl (status, snapshots, replication) talks to a node's fabric port; only from the VPN ranges.
            for (const cidr of settings.network.adminCidrs) {
                this.taskSecurityGroup.addIngressRule(
                    ec2.Peer.ipv4(cidr),
                    ec2.Port.tcp(RESTATE_PORTS.node),
                    "restatectl",
                );
            }
        }

        const publicIngress = new RestatePublicIngress(this, "Public", {
            vpc,
            services: this.services,
            certificateArn: settings.dns.certificateArn,
        });
        const internal = new RestateInternalAccess(this, "Internal", {
            vpc,
            services: this.services,
            allowedCidrs: [vpc.vpcCidrBlock, ...settings.network.adminCidrs],
        });
        const accessLogs = props.network.accessLogs.bucket;
        publicIngress.loadBalancer.logAccessLogs(accessLogs, "restate-public");
        internal.loadBalancer.logAccessLogs(accessLogs, "restate-internal");
        new IngressRateLimits(this, "RateLimits", {
            env: settings.name,
            limits: settings.edgeRateLimits,
            loadBalancer: publicIngress.loadBalancer,
        });
        this.alarms = new RestateAlarms(this, "Alarms", {
            env: settings.name,
            thresholds: settings.alarms.thresholds,
            publicLoadBalancer: publicIngress.loadBalancer,
            targetGroups: [
                { what: "restate-ingress-unhealthy", label: "Public ingress", targetGroup: publicIngress.targetGroup },
                { what: "restate-admin-unhealthy", label: "Restate admin API", targetGroup: internal.adminTargetGroup },
            ],
            nodes: watched,
        }).alarms;
        this.adminUrl = internal.adminUrl;
        this.internalIngressUrl = internal.ingressUrl;

        if (settings.dns.hostedZoneId) {
            new RestateDnsRecords(this, "Dns", {
                hostedZoneId: settings.dns.hostedZoneId,
                domain: settings.dns.domain,
                publicLoadBalancer: publicIngress.loadBalancer,
                internalLoadBalancer: internal.loadBalancer,
            });
        }

        new CfnOutput(this, "PublicIngressUrl", { value: publicIngressUrl(settings) });
        new CfnOutput(this, "PublicLoadBalancerDns", { value: publicIngress.loadBalancer.loadBalancerDnsName });
        new CfnOutput(this, "InternalIngressUrl", { value: this.internalIngressUrl });
        new CfnOutput(this, "AdminUrl", { value: this.adminUrl });
        if (this.snapshots) {
            new CfnOutput(this, "SnapshotDestination", { value: this.snapshots.destination });
            new CfnOutput(this, "NodeAddresses", { value: nodes.map((n) => n.advertisedAddress).join(" ") });
        }
    }
}
