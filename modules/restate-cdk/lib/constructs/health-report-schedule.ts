import { Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { HEALTH_COMMAND, HEALTH_REPORT_PERIOD } from "../health-metrics";
import type { LeadProcessorTaskProps } from "./lead-processor-release";

/**
 * The lead processor's task parts (its image, roles, security group, log group, settings and secrets); the
 * environment also carries `RESTATE_ADMIN_URL`, so the report reads what the service reads.
 */
export interface HealthReportScheduleProps extends LeadProcessorTaskProps {
    /** Environment name: the task family `lead-processor-health-<env>`. */
    env: string;
    /** Cluster the report task runs in. */
    cluster: ecs.ICluster;
}

/**
 * Publishes the health figures every five minutes: an EventBridge rule runs a small one-off Fargate task of the
 * lead-processor image with the health entry (`HEALTH_COMMAND`), which prints CloudWatch Embedded Metric Format
 * lines to the log group; CloudWatch turns them into the `LeadProcessor` metrics the alarms read. A run that
 * fails publishes nothing, which the `health-report-missing` alarm catches.
 */
export class HealthReportSchedule extends Construct {
    readonly taskDefinition: ecs.FargateTaskDefinition;
    readonly rule: events.Rule;

    constructor(scope: Construct, id: string, props: HealthReportScheduleProps) {
        super(scope, id);
        this.taskDefinition = new ecs.FargateTaskDefinition(this, "Task", {
            family: `lead-processor-health-${props.env}`,
            cpu: 256,
            memoryLimitMiB: 512,
            taskRole: props.taskRole,
            executionRole: props.executionRole,
            runtimePlatform: {
                cpuArchitecture: ecs.CpuArchitecture.X86_64,
                operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
            },
        });
        this.taskDefinition.addContainer("health", {
            image: ecs.ContainerImage.fromDockerImageAsset(props.image),
            essential: true,
            command: HEALTH_COMMAND,
            environment: props.environment,
            secrets: props.secrets,
            logging: ecs.LogDrivers.awsLogs({ logGroup: props.logGroup, streamPrefix: "health" }),
        });
        Validations.of(this.taskDefinition).acknowledge({
            id: "AwsSolutions-ECS2",
            reason: "Plain settings only (ports, names, URLs, log levels); credentials are ECS secrets from Secrets Manager, and test/stacks.test.ts fails on a credential-like name or value in any environment",
        });
        // A target of its own rather than the library's ECS target, whose role may also tag any task of the
        // cluster: this role may run this task definition in this cluster and pass its two roles, nothing else.
        const role = new iam.Role(this, "RunTaskRole", {
            assumedBy: new iam.ServicePrincipal("events.amazonaws.com"),
            description: "Runs the lead processor's health report task",
        });
        role.addToPolicy(
            new iam.PolicyStatement({
                actions: ["ecs:RunTask"],
                resources: [this.taskDefinition.taskDefinitionArn],
                conditions: { ArnEquals: { "ecs:cluster": props.cluster.clusterArn } },
            }),
        );
        role.addToPolicy(
            new iam.PolicyStatement({
                actions: ["iam:PassRole"],
                resources: [props.taskRole.roleArn, props.executionRole.roleArn],
            }),
        );
        const subnets = props.cluster.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
        const taskDefinitionArn = this.taskDefinition.taskDefinitionArn;
        this.rule = new events.Rule(this, "Schedule", {
            description: "Publish the lead processor's health figures (CloudWatch metrics)",
            schedule: events.Schedule.rate(HEALTH_REPORT_PERIOD),
            targets: [
                {
                    bind: () => ({
                        arn: props.cluster.clusterArn,
                        role,
                        ecsParameters: {
                            taskDefinitionArn,
                            taskCount: 1,
                            launchType: "FARGATE",
                            platformVersion: "LATEST",
                            networkConfiguration: {
                                awsVpcConfiguration: {
                                    subnets: subnets.subnetIds,
                                    securityGroups: [props.securityGroup.securityGroupId],
                                    assignPublicIp: "DISABLED",
                                },
                            },
                        },
                        // A report older than its period is replaced by the next one.
                        retryPolicy: {
                            maximumRetryAttempts: 2,
                            maximumEventAgeInSeconds: HEALTH_REPORT_PERIOD.toSeconds(),
                        },
                    }),
                },
            ],
        });
    }
}
