import type * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as route53 from "aws-cdk-lib/aws-route53";
import * as route53Targets from "aws-cdk-lib/aws-route53-targets";
import { Construct } from "constructs";

export interface RestateDnsRecordsProps {
    /** Route 53 zone of `domain` (used directly, no lookup). */
    hostedZoneId: string;
    /** The zone's name, e.g. `leads.example.com`. */
    domain: string;
    /** Target of `restate.<domain>` (the public TLS ingress). */
    publicLoadBalancer: elbv2.ILoadBalancerV2;
    /** Target of `restate-internal.<domain>` (plain ingress and admin, VPC and VPN only). */
    internalLoadBalancer: elbv2.ILoadBalancerV2;
}

/**
 * Alias records for the two Restate load balancers. `restate-internal` resolves publicly to private addresses,
 * so it is usable from the VPC and over the VPN only.
 */
export class RestateDnsRecords extends Construct {
    constructor(scope: Construct, id: string, props: RestateDnsRecordsProps) {
        super(scope, id);
        const zone = route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
            hostedZoneId: props.hostedZoneId,
            zoneName: props.domain,
        });
        const records = [
            { id: "IngressRecord", recordName: "restate", target: props.publicLoadBalancer },
            { id: "InternalRecord", recordName: "restate-internal", target: props.internalLoadBalancer },
        ];
        for (const { id: recordId, recordName, target } of records) {
            new route53.ARecord(this, recordId, {
                zone,
                recordName,
                target: route53.RecordTarget.fromAlias(new route53Targets.LoadBalancerTarget(target)),
            });
        }
    }
}
