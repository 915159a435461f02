import type * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import type { EdgeRateLimits } from "../../config/operations";
import type { EnvironmentName } from "../names";

export interface IngressRateLimitsProps {
    env: EnvironmentName;
    /** Requests per minute per API key and per Twilio webhook caller. */
    limits: EdgeRateLimits;
    /** The internet-facing balancer in front of Restate ingress. */
    loadBalancer: elbv2.IApplicationLoadBalancer;
}

/** The route Twilio's webhooks call (`/TwilioWebhooks/sync`, `/close`, `/onIncomingMessage`). */
export const TWILIO_WEBHOOK_PATH_PREFIX = "/TwilioWebhooks/";

/** The rate-based rules by name; each one's CloudWatch metric is `<web ACL>-<rule>`. */
export const RATE_RULES = ["per-api-key", "twilio-webhooks-per-ip"] as const;

/** The environment's web ACL (also its CloudWatch metric name). */
export function webAclName(env: EnvironmentName): string {
    return `lead-processor-${env}-ingress`;
}

/** WAF counts requests over this window; the limits are per minute. */
const WINDOW_SECONDS = 60;

/** A client over its limit is told when to come back, as the lead processor's own limit does. */
const TOO_MANY_REQUESTS: wafv2.CfnWebACL.RuleActionProperty = {
    block: {
        customResponse: {
            responseCode: 429,
            responseHeaders: [{ name: "Retry-After", value: String(WINDOW_SECONDS) }],
        },
    },
};

/**
 * AWS WAF in front of the public ingress balancer: everything is allowed except a burst beyond a limit. One
 * rate-based rule counts requests per `Authorization` header value (one API key; requests without the header,
 * such as Twilio's, are not counted by it); another counts requests per source IP on the Twilio webhook route,
 * which carries no key. Both answer 429 with `Retry-After`. The lead processor's in-process limit per key sits
 * behind this one; the edge limit is the coarse one that keeps a flood off Restate.
 */
export class IngressRateLimits extends Construct {
    readonly webAcl: wafv2.CfnWebACL;

    constructor(scope: Construct, id: string, props: IngressRateLimitsProps) {
        super(scope, id);
        const name = webAclName(props.env);
        const [perKey, perWebhookCaller] = RATE_RULES;
        const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
            cloudWatchMetricsEnabled: true,
            metricName,
            sampledRequestsEnabled: true,
        });
        this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
            name,
            description: "Rate limits per API key and per Twilio webhook caller on the public Restate ingress",
            scope: "REGIONAL",
            defaultAction: { allow: {} },
            visibilityConfig: visibility(name),
            rules: [
                {
                    name: perKey,
                    priority: 0,
                    action: TOO_MANY_REQUESTS,
                    visibilityConfig: visibility(`${name}-${perKey}`),
                    statement: {
                        rateBasedStatement: {
                            limit: props.limits.apiKeyPerMinute,
                            evaluationWindowSec: WINDOW_SECONDS,
                            aggregateKeyType: "CUSTOM_KEYS",
                            // Keys match whatever case they are sent in, so the count does too.
                            customKeys: [
                                {
                                    header: {
                                        name: "authorization",
                                        textTransformations: [{ priority: 0, type: "LOWERCASE" }],
                                    },
                                },
                            ],
                        },
                    },
                },
                {
                    name: perWebhookCaller,
                    priority: 1,
                    action: TOO_MANY_REQUESTS,
                    visibilityConfig: visibility(`${name}-${perWebhookCaller}`),
                    statement: {
                        rateBasedStatement: {
                            limit: props.limits.twilioWebhookPerIpPerMinute,
                            evaluationWindowSec: WINDOW_SECONDS,
                            aggregateKeyType: "IP",
                            scopeDownStatement: {
                                byteMatchStatement: {
                                    fieldToMatch: { uriPath: {} },
                                    positionalConstraint: "STARTS_WITH",
                                    searchString: TWILIO_WEBHOOK_PATH_PREFIX,
                                    textTransformations: [{ priority: 0, type: "NONE" }],
                                },
                            },
                        },
                    },
                },
            ],
        });
        new wafv2.CfnWebACLAssociation(this, "Association", {
            resourceArn: props.loadBalancer.loadBalancerArn,
            webAclArn: this.webAcl.attrArn,
        });
    }
}
