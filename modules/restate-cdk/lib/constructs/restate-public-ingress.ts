import { Duration, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import { Construct } from "constructs";
import { RESTATE_PORTS } from "../names";
import { RestateTargetGroup } from "./restate-target-group";

export interface RestatePublicIngressProps {
    /** VPC whose public subnets hold the balancer. */
    vpc: ec2.IVpc;
    /** The ECS service of each Restate node; their ingress 8080 is the target. */
    services: readonly ecs.FargateService[];
    /** ACM certificate for `restate.<domain>`, served on 443. */
    certificateArn: string;
}

/**
 * The internet-facing ALB in front of Restate ingress: TLS 443 only (recommended TLS 1.3 policy) → 8080, open to
 * the internet because forms and Twilio's webhooks call it. Invalid headers are dropped; the 5-minute idle
 * timeout covers `/attach` and request-response calls that wait on a durable handler.
 */
export class RestatePublicIngress extends Construct {
    readonly loadBalancer: elbv2.ApplicationLoadBalancer;
    /** Restate ingress (8080) behind the balancer. */
    readonly targetGroup: RestateTargetGroup;

    constructor(scope: Construct, id: string, props: RestatePublicIngressProps) {
        super(scope, id);
        this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
            vpc: props.vpc,
            internetFacing: true,
            vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
            idleTimeout: Duration.minutes(5),
            dropInvalidHeaderFields: true,
        });
        Validations.of(this.loadBalancer).acknowledge({
            id: "AwsSolutions-EC23",
            reason: "The public ingress: websites' forms and Twilio's webhooks call it from anywhere, TLS 443 only",
        });
        this.targetGroup = new RestateTargetGroup(this, "IngressTargets", {
            vpc: props.vpc,
            services: props.services,
            port: RESTATE_PORTS.ingress,
            healthPath: "/restate/health",
        });
        this.loadBalancer.addListener("Https", {
            port: 443,
            protocol: elbv2.ApplicationProtocol.HTTPS,
            certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
            sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
            open: true,
            defaultTargetGroups: [this.targetGroup],
        });
    }
}
