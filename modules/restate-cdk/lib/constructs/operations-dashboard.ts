import { ArnFormat, Duration, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { Construct } from "constructs";
import { healthMetric } from "../health-metrics";
import { dashboardName, type EnvironmentName } from "../names";
import { RATE_RULES, webAclName } from "./ingress-rate-limits";
import type { OperationsAlarm } from "./operations-alarm";

export interface OperationsDashboardProps {
    env: EnvironmentName;
    /** Every alarm of the environment, from whichever stack holds it. */
    alarms: OperationsAlarm[];
}

const WIDTH = 8;
const HEIGHT = 6;

/**
 * The environment's one dashboard: the state of every alarm at the top, then each alarm's graph with its
 * threshold, then the health figures nobody is paged for and the requests the edge rate limits blocked.
 * Alarms are referred to by name (their ARNs are computed), so this stack imports nothing from the others.
 */
export class OperationsDashboard extends Construct {
    readonly dashboard: cloudwatch.Dashboard;

    constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
        super(scope, id);
        const stack = Stack.of(this);
        const { env } = props;
        const byName = props.alarms.map(({ name }) => ({
            name,
            alarm: cloudwatch.Alarm.fromAlarmArn(
                this,
                name,
                stack.formatArn({
                    service: "cloudwatch",
                    resource: "alarm",
                    resourceName: name,
                    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                }),
            ),
        }));
        const graph = (title: string, metrics: cloudwatch.IMetric[]): cloudwatch.GraphWidget =>
            new cloudwatch.GraphWidget({ title, left: metrics, width: WIDTH, height: HEIGHT });
        const blocked = RATE_RULES.map(
            (rule) =>
                new cloudwatch.Metric({
                    namespace: "AWS/WAFV2",
                    metricName: "BlockedRequests",
                    dimensionsMap: {
                        WebACL: webAclName(env),
                        Region: stack.region,
                        Rule: `${webAclName(env)}-${rule}`,
                    },
                    statistic: cloudwatch.Stats.SUM,
                    period: Duration.minutes(5),
                    label: rule,
                }),
        );

        this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
            dashboardName: dashboardName(env),
            defaultInterval: Duration.hours(24),
        });
        this.dashboard.addWidgets(
            new cloudwatch.AlarmStatusWidget({
                title: "Alarms",
                alarms: byName.map(({ alarm }) => alarm),
                width: 24,
                height: HEIGHT,
            }),
        );
        this.dashboard.addWidgets(
            ...byName.map(
                ({ name, alarm }) => new cloudwatch.AlarmWidget({ title: name, alarm, width: WIDTH, height: HEIGHT }),
            ),
            graph("Oldest stuck invocation (seconds)", [healthMetric(env, "OldestStuckInvocationSeconds")]),
            graph("Leads ACTIVE past their thread's closed timer", [healthMetric(env, "ActivePastClosedTimer")]),
            graph("Opt-outs in the last day", [healthMetric(env, "OptOutsLastDay")]),
            graph("Requests blocked by the edge rate limits", blocked),
        );
    }
}
