import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type * as ec2 from "aws-cdk-lib/aws-ec2";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import type { EnvironmentSettings } from "../config/environments";
import type { OperationsAlarm } from "./constructs/operations-alarm";
import { TaskShortfallAlarm } from "./constructs/task-shortfall-alarm";
import { TwilioProxyService } from "./constructs/twilio-proxy-service";
import type { NetworkStack } from "./network-stack";

export interface TwilioProxyStackProps extends StackProps {
    /** The environment's validated settings (`twilioProxy`, admin ranges, log retention). */
    settings: EnvironmentSettings;
    /** The cluster (and its VPC) the proxy runs in. */
    network: NetworkStack;
}

/**
 * The Twilio proxy behind an *internal* ALB: its only caller is the lead processor (Twilio's webhooks go to
 * Restate ingress), so it is not reachable from the internet, unlike the old system's unauthenticated Function
 * URL. Basic-auth password and Twilio token are ECS secrets.
 */
export class TwilioProxyStack extends Stack {
    /** Base URL the lead processor calls (TWILIO_PROXY_URL). */
    readonly url: string;
    /** The proxy's secret; the lead processor reads `AUTH_PASSWORD` from it as TWILIO_PROXY_PASS. */
    readonly secret: secretsmanager.ISecret;
    /** The internal load balancer's security group; the lead processor's stack admits its tasks there. */
    readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
    /** This stack's alarms (the dashboard shows them). */
    readonly alarms: OperationsAlarm[];

    constructor(scope: Construct, id: string, props: TwilioProxyStackProps) {
        super(scope, id, props);
        const { settings } = props;
        this.secret = secretsmanager.Secret.fromSecretCompleteArn(this, "Secret", settings.twilioProxy.secretArn);
        const proxy = new TwilioProxyService(this, "Proxy", {
            cluster: props.network.cluster,
            environmentName: settings.name,
            proxy: settings.twilioProxy,
            secret: this.secret,
            operatorCidrs: settings.network.adminCidrs,
            accessLogs: props.network.accessLogs.bucket,
            logRetention: settings.logRetentionDays,
            logRemovalPolicy: settings.name === "production" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        this.url = proxy.url;
        this.loadBalancerSecurityGroup = proxy.loadBalancerSecurityGroup;
        this.alarms = [
            new TaskShortfallAlarm(this, "TasksAlarm", {
                env: settings.name,
                what: "twilio-proxy-tasks",
                label: "The Twilio proxy",
                service: proxy.service,
                minTasks: settings.twilioProxy.scaling.minTasks,
                minutes: settings.alarms.thresholds.taskShortfallMinutes,
            }),
        ];
        new CfnOutput(this, "TwilioProxyUrl", { value: this.url });
    }
}
