import { Duration, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

export interface AccessLogBucketProps {
    /** Days the logs are kept (the environment's log retention). */
    retentionDays: number;
}

/**
 * Where the environment's network logs go: the load balancers' access logs (one prefix per balancer), the
 * created VPC's flow logs and S3 server access logs of the other buckets (`s3-access-logs/`). Encrypted with S3-managed keys (the only kind load balancer access logs accept), TLS
 * only, never public, expired after the retention and kept when the stack is deleted.
 */
export class AccessLogBucket extends Construct {
    readonly bucket: s3.Bucket;

    constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
        super(scope, id);
        this.bucket = new s3.Bucket(this, "Bucket", {
            encryption: s3.BucketEncryption.S3_MANAGED,
            blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
            objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforceSSL: true,
            lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
            removalPolicy: RemovalPolicy.RETAIN,
        });
        // S3 server access logs of this account's other buckets (the Restate snapshots), under their own prefix.
        this.bucket.addToResourcePolicy(
            new iam.PolicyStatement({
                sid: "S3ServerAccessLogsOfThisAccount",
                principals: [new iam.ServicePrincipal("logging.s3.amazonaws.com")],
                actions: ["s3:PutObject"],
                resources: [this.bucket.arnForObjects("s3-access-logs/*")],
                conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
            }),
        );
        Validations.of(this.bucket).acknowledge({
            id: "AwsSolutions-S1",
            reason: "This is the access-log bucket itself; logging its own access would log into itself",
        });
    }
}
