import { RemovalPolicy } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as efs from "aws-cdk-lib/aws-efs";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";

export interface RestateDataVolumeProps {
    /** VPC whose private subnets get the file system's mount targets. */
    vpc: ec2.IVpc;
    /** Security group of the Restate task; the only client allowed to mount the file system (NFS 2049). */
    client: ec2.ISecurityGroup;
}

/**
 * The Restate server's data directory: an encrypted EFS file system (automatic backups, RETAIN) with one
 * access point owned by uid/gid 1000, mounted over TLS with IAM authorisation. It outlives the task, so a
 * replacement task resumes the same node.
 */
export class RestateDataVolume extends Construct {
    readonly fileSystem: efs.FileSystem;
    readonly accessPoint: efs.AccessPoint;

    constructor(scope: Construct, id: string, props: RestateDataVolumeProps) {
        super(scope, id);
        this.fileSystem = new efs.FileSystem(this, "FileSystem", {
            vpc: props.vpc,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            encrypted: true,
            performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
            throughputMode: efs.ThroughputMode.ELASTIC,
            enableAutomaticBackups: true,
            removalPolicy: RemovalPolicy.RETAIN,
        });
        this.accessPoint = this.fileSystem.addAccessPoint("RestateData", {
            path: "/restate",
            createAcl: { ownerUid: "1000", ownerGid: "1000", permissions: "750" },
            posixUser: { uid: "1000", gid: "1000" },
        });
        this.fileSystem.connections.allowDefaultPortFrom(props.client, "Restate task mounts its data");
    }

    /** The task-definition volume `name`: this access point, encrypted in transit, IAM-authorised. */
    volume(name: string): ecs.Volume {
        return {
            name,
            efsVolumeConfiguration: {
                fileSystemId: this.fileSystem.fileSystemId,
                transitEncryption: "ENABLED",
                authorizationConfig: { accessPointId: this.accessPoint.accessPointId, iam: "ENABLED" },
            },
        };
    }

    /** Lets `role` mount the file system read-write. */
    grantReadWrite(role: iam.IGrantable): void {
        this.fileSystem.grant(role, "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite");
    }
}
