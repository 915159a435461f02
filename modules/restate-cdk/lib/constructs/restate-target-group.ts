import { Duration } from "aws-cdk-lib";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import type { Construct } from "constructs";

export interface RestateTargetGroupProps {
    /** VPC of the Restate task. */
    vpc: ec2.IVpc;
    /** The ECS service of each Restate node; their `restate` containers are the targets. */
    services: readonly ecs.FargateService[];
    /** Container port the balancer forwards to, also the health-check port (8080 ingress, 9070 admin). */
    port: number;
    /** Health-check path on that port: `/restate/health` for ingress, `/health` for admin. */
    healthPath: string;
}

/** One port of the Restate container behind an ALB: HTTP, IP targets, 30 s deregistration, 200 = healthy. */
export class RestateTargetGroup extends elbv2.ApplicationTargetGroup {
    constructor(scope: Construct, id: string, props: RestateTargetGroupProps) {
        super(scope, id, {
            vpc: props.vpc,
            port: props.port,
            protocol: elbv2.ApplicationProtocol.HTTP,
            targetType: elbv2.TargetType.IP,
            deregistrationDelay: Duration.seconds(30),
            healthCheck: {
                path: props.healthPath,
                port: String(props.port),
                healthyHttpCodes: "200",
                interval: Duration.seconds(15),
                healthyThresholdCount: 2,
                unhealthyThresholdCount: 3,
            },
            targets: props.services.map((service) =>
                service.loadBalancerTarget({ containerName: "restate", containerPort: props.port }),
            ),
        });
    }
}
