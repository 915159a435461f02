import { Duration, Validations } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import { Construct } from "constructs";
import { RESTATE_PORTS } from "../names";
import { RestateTargetGroup } from "./restate-target-group";

export interface RestateInternalAccessProps {
    /** VPC whose private subnets hold the balancer. */
    vpc: ec2.IVpc;
    /** The ECS service of each Restate node; their ingress 8080 and admin 9070 are the targets. */
    services: readonly ecs.FargateService[];
    /** The only ranges that may connect (the VPC CIDR and the VPN/office ranges); nothing else is open. */
    allowedCidrs: string[];
}

/**
 * An internal ALB serving Restate's plain-HTTP ingress (8080 → 8080) and admin API (9070 → 9070) to the VPC and
 * the VPN only. (An in-VPC caller would reach an internet-facing balancer through NAT, from a public address,
 * so these two ports live on an internal balancer instead.)
 */
export class RestateInternalAccess extends Construct {
    readonly loadBalancer: elbv2.ApplicationLoadBalancer;
    /** Admin API base URL, reachable inside the VPC (used by the registrar). */
    readonly adminUrl: string;
    /** Plain-HTTP ingress for callers inside the VPC or on the VPN. */
    readonly ingressUrl: string;
    /** The admin API (9070) behind the balancer; its health is the Restate node's. */
    readonly adminTargetGroup: RestateTargetGroup;

    constructor(scope: Construct, id: string, props: RestateInternalAccessProps) {
        super(scope, id);
        const { vpc, services } = props;
        this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
            vpc,
            internetFacing: false,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
            idleTimeout: Duration.minutes(5),
            dropInvalidHeaderFields: true,
        });
        const ports = [
            {
                id: "Ingress",
                port: RESTATE_PORTS.ingress,
                healthPath: "/restate/health",
                what: "Restate ingress (plain HTTP)",
            },
            { id: "Admin", port: RESTATE_PORTS.admin, healthPath: "/health", what: "Restate admin API" },
        ] as const;
        const listen = ({ id, port, healthPath }: (typeof ports)[number]): RestateTargetGroup => {
            const targetGroup = new RestateTargetGroup(this, `${id}Targets`, { vpc, services, port, healthPath });
            this.loadBalancer.addListener(id, {
                port,
                protocol: elbv2.ApplicationProtocol.HTTP,
                open: false,
                defaultTargetGroups: [targetGroup],
            });
            return targetGroup;
        };
        const [ingress, admin] = ports;
        listen(ingress);
        this.adminTargetGroup = listen(admin);
        for (const cidr of props.allowedCidrs) {
            for (const { port, what } of ports) {
                this.loadBalancer.connections.allowFrom(ec2.Peer.ipv4(cidr), ec2.Port.tcp(port), what);
            }
        }
        Validations.of(this.loadBalancer).acknowledge({
            id: "AwsSolutions-EC23",
            reason: "Open only to allowedCidrs; the rule cannot read a created VPC's CIDR, which is known only at deploy",
        });
        const host = this.loadBalancer.loadBalancerDnsName;
        this.adminUrl = `http://${host}:${RESTATE_PORTS.admin}`;
        this.ingressUrl = `http://${host}:${RESTATE_PORTS.ingress}`;
    }
}
