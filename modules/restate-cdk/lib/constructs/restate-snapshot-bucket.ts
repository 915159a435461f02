import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { nagArnOf } from "../nag-ids";

export interface RestateSnapshotBucketProps {
    /** Key prefix of this cluster's snapshots (the cluster name); the nodes may touch nothing else. */
    prefix: string;
    /** Bucket that takes this bucket's S3 server access logs (prefix `s3-access-logs/restate-snapshots/`). */
    accessLogs: s3.IBucket;
}

/**
 * Where a Restate cluster's partition snapshots live (`worker.snapshots.destination`): a private bucket (all public
 * access blocked, TLS only, SSE-S3), retained when the stack goes. Snapshots let a node that lost or never had a
 * partition's state restore it, and let Restate trim the log. Versioned: a snapshot Restate replaces or removes
 * stays readable for 30 days, for a restore from an older one.
 */
export class RestateSnapshotBucket extends Construct {
    readonly bucket: s3.Bucket;
    /** `s3://<bucket>/<prefix>`, the value of `worker.snapshots.destination`. */
    readonly destination: string;
    private readonly prefix: string;

    constructor(scope: Construct, id: string, props: RestateSnapshotBucketProps) {
        super(scope, id);
        this.prefix = props.prefix;
        this.bucket = new s3.Bucket(this, "Bucket", {
            encryption: s3.BucketEncryption.S3_MANAGED,
            blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
            objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            enforceSSL: true,
            versioned: true,
            removalPolicy: RemovalPolicy.RETAIN,
            serverAccessLogsBucket: props.accessLogs,
            serverAccessLogsPrefix: "s3-access-logs/restate-snapshots/",
            lifecycleRules: [
                {
                    abortIncompleteMultipartUploadAfter: Duration.days(1),
                    noncurrentVersionExpiration: Duration.days(30),
                },
            ],
        });
        this.destination = `s3://${this.bucket.bucketName}/${props.prefix}`;
    }

    /** Lets `role` read, write and remove objects under the prefix and list the prefix: nothing else. */
    grantSnapshots(role: iam.IRole): void {
        iam.Grant.addToPrincipal({
            grantee: role,
            actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            resourceArns: [this.bucket.arnForObjects(`${this.prefix}/*`)],
        });
        iam.Grant.addToPrincipal({
            grantee: role,
            actions: ["s3:ListBucket"],
            resourceArns: [this.bucket.bucketArn],
            conditions: { StringLike: { "s3:prefix": [this.prefix, `${this.prefix}/*`] } },
        });
        Validations.of(role).acknowledge({
            id: `AwsSolutions-IAM5[Resource::${nagArnOf(this.bucket)}/${this.prefix}/*]`,
            reason: "Snapshot objects have keys Restate generates; the role may touch only this cluster's prefix",
        });
    }
}
