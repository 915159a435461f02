import { type RemovalPolicy, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { LEAD_PROCESSOR_PORT } from "../names";
import { tableAccessStatement } from "./lead-tables";

export interface LeadProcessorSharedProps {
    /** VPC of the lead processor's tasks. */
    vpc: ec2.IVpc;
    /** Environment name: the log group is `/lead-processor/<env>/lead-processor`. */
    environmentName: string;
    /** Retention of that log group. */
    logRetention: logs.RetentionDays;
    /** What happens to the log group when it leaves the template (RETAIN in production). */
    logRemovalPolicy: RemovalPolicy;
    /** Table name prefix; the task role may use exactly these three tables. */
    tablePrefix: string;
    /** Security group of the Restate server task, the only caller of the endpoint port 9080. */
    restateSecurityGroup: ec2.ISecurityGroup;
    /** Security group of the Twilio proxy's internal load balancer; it admits the lead processor on port 80. */
    twilioProxySecurityGroup: ec2.ISecurityGroup;
}

/**
 * What every release of the lead processor shares and keeps across releases (same logical ids): the log group,
 * the task role (its three tables, nothing else), the execution role, and the task security group with its two
 * rules (Restate → 9080 h2c, lead processor → Twilio proxy :80).
 */
export class LeadProcessorShared extends Construct {
    readonly logGroup: logs.LogGroup;
    readonly taskRole: iam.Role;
    readonly executionRole: iam.Role;
    readonly securityGroup: ec2.SecurityGroup;

    constructor(scope: Construct, id: string, props: LeadProcessorSharedProps) {
        super(scope, id);
        this.logGroup = new logs.LogGroup(this, "Logs", {
            logGroupName: `/lead-processor/${props.environmentName}/lead-processor`,
            retention: props.logRetention,
            removalPolicy: props.logRemovalPolicy,
        });
        this.taskRole = new iam.Role(this, "TaskRole", {
            assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
            description: "Lead processor tasks: its three DynamoDB tables, nothing else",
        });
        this.taskRole.addToPolicy(tableAccessStatement(this, props.tablePrefix));
        this.executionRole = new iam.Role(this, "ExecutionRole", {
            assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
            description: "Pulls the image, writes logs and reads the secrets at task start",
        });
        Validations.of(this.executionRole).acknowledge({
            id: "AwsSolutions-IAM5[Resource::*]",
            reason: "ecr:GetAuthorizationToken (image pull) has no resource-level permissions",
        });
        this.securityGroup = new ec2.SecurityGroup(this, "TaskSecurityGroup", {
            vpc: props.vpc,
            description: "Lead processor tasks",
            allowAllOutbound: true,
        });
        this.securityGroup.addIngressRule(
            props.restateSecurityGroup,
            ec2.Port.tcp(LEAD_PROCESSOR_PORT),
            "Restate server calls the endpoint (h2c)",
        );
        new ec2.CfnSecurityGroupIngress(this, "TwilioProxyFromLeadProcessor", {
            groupId: props.twilioProxySecurityGroup.securityGroupId,
            sourceSecurityGroupId: this.securityGroup.securityGroupId,
            ipProtocol: "tcp",
            fromPort: 80,
            toPort: 80,
            description: "Lead processor calls the Twilio proxy",
        });
    }
}
