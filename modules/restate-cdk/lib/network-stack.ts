import { Stack, type StackProps } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as servicediscovery from "aws-cdk-lib/aws-servicediscovery";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/environments";
import { AccessLogBucket } from "./constructs/access-log-bucket";
import { AlarmTopic } from "./constructs/alarm-topic";
import { serviceNamespace } from "./names";

export interface NetworkStackProps extends StackProps {
    settings: EnvironmentSettings;
}

/**
 * What every service of an environment shares: the VPC (created, with flow logs, or an existing one looked up),
 * the ECS cluster, the private DNS namespace in which each lead-processor release gets its own name, the alarm
 * topic every stack's alarms notify, and the bucket of the load balancers' access logs.
 */
export class NetworkStack extends Stack {
    readonly vpc: ec2.IVpc;
    readonly cluster: ecs.Cluster;
    readonly namespace: servicediscovery.PrivateDnsNamespace;
    readonly alarmTopic: AlarmTopic;
    /** Load balancer access logs and the created VPC's flow logs. */
    readonly accessLogs: AccessLogBucket;

    constructor(scope: Construct, id: string, props: NetworkStackProps) {
        super(scope, id, props);
        const { network, name, alarms, logRetentionDays } = props.settings;
        this.accessLogs = new AccessLogBucket(this, "AccessLogs", { retentionDays: logRetentionDays });

        if (network.vpc === "create") {
            const vpc = new ec2.Vpc(this, "Vpc", {
                ipAddresses: ec2.IpAddresses.cidr(network.vpcCidr),
                maxAzs: 2,
                natGateways: network.natGateways,
                subnetConfiguration: [
                    { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
                    { name: "private", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
                ],
            });
            // DynamoDB traffic stays on the AWS network and off the NAT gateways (free gateway endpoint).
            vpc.addGatewayEndpoint("DynamoDb", { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
            vpc.addFlowLog("FlowLog", {
                destination: ec2.FlowLogDestination.toS3(this.accessLogs.bucket, "vpc-flow-logs/"),
                trafficType: ec2.FlowLogTrafficType.ALL,
            });
            this.vpc = vpc;
        } else {
            this.vpc = ec2.Vpc.fromLookup(this, "Vpc", { vpcId: network.vpc });
        }

        this.cluster = new ecs.Cluster(this, "Cluster", {
            vpc: this.vpc,
            containerInsightsV2: ecs.ContainerInsights.ENABLED,
        });

        this.namespace = new servicediscovery.PrivateDnsNamespace(this, "Namespace", {
            name: serviceNamespace(name),
            vpc: this.vpc,
            description: `Lead processor ${name}: one name per lead-processor release (r-<release>)`,
        });

        this.alarmTopic = new AlarmTopic(this, "Alarms", { env: name, emails: alarms.emails });
    }
}
