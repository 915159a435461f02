import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { AssetHashType, CustomResource, DockerImage, Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as events from "aws-cdk-lib/aws-events";
import * as eventsTargets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as servicediscovery from "aws-cdk-lib/aws-servicediscovery";
import * as cr from "aws-cdk-lib/custom-resources";
import { Construct, type IConstruct } from "constructs";
import { nagArn, nagArnOf } from "../nag-ids";
import { RELEASE_TAGS } from "../names";

const LAMBDA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../lambda/restate-registrar");

/**
 * The registrar's code, bundled with `bun build` during synthesis (no Docker). The AWS SDK v3 is left out: the
 * Node.js Lambda runtime provides it.
 */
export function registrarCode(): lambda.Code {
    const bun = process.versions.bun ? process.execPath : "bun";
    return lambda.Code.fromAsset(LAMBDA_DIR, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
            // Required by the API, never pulled: local bundling below always succeeds or throws.
            image: DockerImage.fromRegistry("public.ecr.aws/docker/library/node:22-slim"),
            local: {
                tryBundle(outputDir: string): boolean {
                    const result = spawnSync(
                        bun,
                        [
                            "build",
                            path.join(LAMBDA_DIR, "index.ts"),
                            "--target=node",
                            "--format=esm",
                            "--external=@aws-sdk/*",
                            `--outfile=${path.join(outputDir, "index.mjs")}`,
                        ],
                        { encoding: "utf8" },
                    );
                    if (result.status !== 0) {
                        throw new Error(`bundling the registrar failed: ${result.stderr || result.error?.message}`);
                    }
                    return true;
                },
            },
        },
    });
}

export interface RestateRegistrationProps {
    /** VPC the registrar Lambda runs in (private subnets), so it reaches the internal admin API. */
    vpc: ec2.IVpc;
    /** Cluster whose drained release services the registrar may list, describe and delete. */
    cluster: ecs.ICluster;
    /** Cloud Map namespace of the release names (`r-<release>`); drained names are deleted from it. */
    namespace: servicediscovery.INamespace;
    /** Environment name; only services tagged with it are pruned. */
    environment: string;
    /** Restate admin API base URL, reachable from the VPC. */
    adminUrl: string;
    /** Id of the release being deployed; also the custom resource's physical id. */
    releaseId: string;
    /** Address Restate calls this release at (`http://r-<release>.<namespace>:9080/`). */
    deploymentUri: string;
    /** `true` only when something on the path forces HTTP/1.1; the release address here is direct h2c. */
    useHttp11: boolean;
    /** How many previous releases are kept even when drained. */
    retainedReleases: number;
    /** The release's ECS service; registration waits for it to be stable. */
    releaseService: IConstruct;
    /** Retention of the registrar's and its provider's log groups. */
    logRetention: logs.RetentionDays;
}

/**
 * Registers each release with the Restate admin API exactly once (custom resource, physical id = release id)
 * and prunes drained old releases (after each registration and every 6 hours).
 */
export class RestateRegistration extends Construct {
    readonly resource: CustomResource;
    readonly function: lambda.Function;

    constructor(scope: Construct, id: string, props: RestateRegistrationProps) {
        super(scope, id);
        const stack = Stack.of(this);

        const securityGroup = new ec2.SecurityGroup(this, "SecurityGroup", {
            vpc: props.vpc,
            description: "Restate registrar (admin API, ECS and Cloud Map APIs)",
            allowAllOutbound: true,
        });
        const logGroup = new logs.LogGroup(this, "Logs", {
            retention: props.logRetention,
            removalPolicy: RemovalPolicy.DESTROY,
        });
        this.function = new lambda.Function(this, "Function", {
            runtime: lambda.Runtime.NODEJS_24_X,
            architecture: lambda.Architecture.ARM_64,
            handler: "index.handler",
            code: registrarCode(),
            timeout: Duration.minutes(14),
            memorySize: 256,
            vpc: props.vpc,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            securityGroups: [securityGroup],
            logGroup,
            description: "Registers lead-processor releases with Restate and prunes drained ones",
            environment: {
                ADMIN_URL: props.adminUrl,
                NAMESPACE: props.namespace.namespaceName,
                NAMESPACE_ID: props.namespace.namespaceId,
                CLUSTER_ARN: props.cluster.clusterArn,
                ENVIRONMENT: props.environment,
                CURRENT_RELEASE_ID: props.releaseId,
                RETAINED_RELEASES: String(props.retainedReleases),
                GRACE_MINUTES: "60",
                REGISTER_DEADLINE_SECONDS: "600",
                RELEASE_TAG: RELEASE_TAGS.release,
                ENVIRONMENT_TAG: RELEASE_TAGS.environment,
            },
        });

        // Pruning: only this cluster's services and Cloud Map services.
        this.function.addToRolePolicy(
            new iam.PolicyStatement({
                actions: ["ecs:ListServices"],
                resources: ["*"],
                conditions: { ArnEquals: { "ecs:cluster": props.cluster.clusterArn } },
            }),
        );
        // Release services get generated names, so they are matched by cluster rather than by name.
        this.function.addToRolePolicy(
            new iam.PolicyStatement({
                actions: ["ecs:DescribeServices", "ecs:DeleteService"],
                resources: [stack.formatArn({ service: "ecs", resource: "service", resourceName: "*" })],
                conditions: { ArnEquals: { "ecs:cluster": props.cluster.clusterArn } },
            }),
        );
        this.function.addToRolePolicy(
            new iam.PolicyStatement({ actions: ["servicediscovery:ListServices"], resources: ["*"] }),
        );
        this.function.addToRolePolicy(
            new iam.PolicyStatement({
                actions: ["servicediscovery:DeleteService"],
                resources: [stack.formatArn({ service: "servicediscovery", resource: "service", resourceName: "*" })],
            }),
        );

        const lambdaPolicies = ["AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole"];
        const managedPolicyReason = "AWS's policy for a Lambda function in a VPC: its own logs and network interfaces";
        Validations.of(this.function).acknowledge(
            ...lambdaPolicies.map((policy) => ({
                id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
                reason: managedPolicyReason,
            })),
            {
                id: "AwsSolutions-IAM5[Resource::*]",
                reason: "ecs:ListServices (limited to the cluster by condition) and servicediscovery:ListServices take no resource",
            },
            {
                id: `AwsSolutions-IAM5[Resource::${nagArn(stack, "ecs", "service/*")}]`,
                reason: "Release services have generated names; the ecs:cluster condition limits them to this cluster",
            },
            {
                id: `AwsSolutions-IAM5[Resource::${nagArn(stack, "servicediscovery", "service/*")}]`,
                reason: "Release names are created per release; the pruner deletes only drained ones of this namespace",
            },
        );

        const provider = new cr.Provider(this, "Provider", {
            onEventHandler: this.function,
            logGroup: new logs.LogGroup(this, "ProviderLogs", {
                retention: props.logRetention,
                removalPolicy: RemovalPolicy.DESTROY,
            }),
        });
        Validations.of(provider).acknowledge(
            {
                id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
                reason: managedPolicyReason,
            },
            {
                id: `AwsSolutions-IAM5[Resource::${nagArnOf(this.function)}:*]`,
                reason: "The custom-resource framework may invoke any version of the registrar function, and only it",
            },
        );
        this.resource = new CustomResource(this, "Deployment", {
            serviceToken: provider.serviceToken,
            resourceType: "Custom::RestateDeployment",
            properties: {
                ReleaseId: props.releaseId,
                DeploymentUri: props.deploymentUri,
                AdminUrl: props.adminUrl,
                UseHttp11: String(props.useHttp11),
            },
        });
        // Register only once the release's tasks are running and named in Cloud Map.
        this.resource.node.addDependency(props.releaseService);

        new events.Rule(this, "PruneSchedule", {
            description: "Remove drained lead-processor releases",
            schedule: events.Schedule.rate(Duration.hours(6)),
            targets: [
                new eventsTargets.LambdaFunction(this.function, {
                    event: events.RuleTargetInput.fromObject({ action: "prune" }),
                    retryAttempts: 2,
                }),
            ],
        });
    }
}
