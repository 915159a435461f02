import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import type { Construct } from "constructs";
import { type EnvironmentSettings, publicIngressUrl } from "../config/environments";
import { IngressRateLimits } from "./constructs/ingress-rate-limits";
import type { OperationsAlarm } from "./constructs/operations-alarm";
import { RestateAlarms } from "./constructs/restate-alarms";
import { RestateDataVolume } from "./constructs/restate-data-volume";
import { RestateDnsRecords } from "./constructs/restate-dns-records";
import { RestateInternalAccess } from "./constructs/restate-internal-access";
import { RestatePublicIngress } from "./constructs/restate-public-ingress";
import { RestateServerService } from "./constructs/restate-server-service";
import type { NetworkStack } from "./network-stack";

export interface RestateServerStackProps extends StackProps {
    /** The environment's validated settings (Restate image and size, DNS, admin ranges, log retention). */
    settings: EnvironmentSettings;
    /** VPC and ECS cluster the server runs in. */
    network: NetworkStack;
}

/**
 * The Restate server: one Fargate task with its data on EFS, a public TLS ingress, an internal balancer for
 * plain ingress and the admin API (VPC and VPN only), and optional DNS names for both.
 */
export class RestateServerStack extends Stack {
    /** Admin API base URL, reachable inside the VPC (used by the registrar). */
    readonly adminUrl: string;
    /** Plain-HTTP ingress for callers inside the VPC or on the VPN. */
    readonly internalIngressUrl: string;
    /** The server task's security group; the lead processor admits Restate's calls from it. */
    readonly taskSecurityGroup: ec2.SecurityGroup;
    readonly service: ecs.FargateService;
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
        const data = new RestateDataVolume(this, "Data", { vpc, client: this.taskSecurityGroup });
        this.service = new RestateServerService(this, "Server", {
            cluster,
            securityGroup: this.taskSecurityGroup,
            dataVolume: data,
            environmentName: settings.name,
            restate: settings.restate,
            logRetention: settings.logRetentionDays,
            logRemovalPolicy: settings.name === "production" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        }).service;

        const publicIngress = new RestatePublicIngress(this, "Public", {
            vpc,
            service: this.service,
            certificateArn: settings.dns.certificateArn,
        });
        const internal = new RestateInternalAccess(this, "Internal", {
            vpc,
            service: this.service,
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
            nodes: 1,
            service: this.service,
            dataFileSystem: data.fileSystem,
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
        new CfnOutput(this, "DataFileSystemId", { value: data.fileSystem.fileSystemId });
    }
}
