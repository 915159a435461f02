import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import type * as efs from "aws-cdk-lib/aws-efs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import { Construct } from "constructs";
import type { AlarmThresholds } from "../../config/operations";
import type { EnvironmentName } from "../names";
import { OperationsAlarm } from "./operations-alarm";
import { TaskShortfallAlarm } from "./task-shortfall-alarm";

/** One Restate node: its ECS service and the EFS file system of its data directory. */
export interface RestateNodeWatch {
    /** "" for node 1 (the single node keeps its alarms' names), "2", "3" … for the others. */
    suffix: string;
    service: ecs.BaseService;
    dataFileSystem: efs.IFileSystem;
}

export interface RestateAlarmsProps {
    env: EnvironmentName;
    thresholds: AlarmThresholds;
    /** The internet-facing balancer in front of ingress (forms and Twilio's webhooks). */
    publicLoadBalancer: elbv2.ApplicationLoadBalancer;
    /** Target groups whose healthy targets are the Restate nodes, with the end of their alarm's name. */
    targetGroups: { what: string; label: string; targetGroup: elbv2.ApplicationTargetGroup }[];
    /** Every Restate node; each target group must have as many healthy targets. */
    nodes: RestateNodeWatch[];
}

/** The Restate server's alarms: ingress 5xx, node health per target group, and per node its data and its task. */
export class RestateAlarms extends Construct {
    readonly alarms: OperationsAlarm[];

    constructor(scope: Construct, id: string, props: RestateAlarmsProps) {
        super(scope, id);
        const { env, thresholds: t } = props;
        const nodeCount = props.nodes.length;
        const lb = props.publicLoadBalancer.metrics;
        const fiveMinutes = { period: Duration.minutes(5) };

        const ingress5xx = new OperationsAlarm(this, "Ingress5xx", {
            env,
            what: "ingress-5xx",
            description:
                "The public ingress answered 5xx (its own 502/503/504 or Restate's 5xx) to forms or Twilio. First: " +
                "the node-health alarms and the Restate server's log group; 502/503 right after a restate_server " +
                "deploy are the expected restart.",
            metric: new cloudwatch.MathExpression({
                expression: "FILL(elb, 0) + FILL(target, 0)",
                label: "ingress 5xx",
                usingMetrics: {
                    elb: lb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, fiveMinutes),
                    target: lb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, fiveMinutes),
                },
                period: Duration.minutes(5),
            }),
            threshold: t.ingress5xxPerFiveMinutes,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        });

        const unhealthy = props.targetGroups.map(
            ({ what, label, targetGroup }) =>
                new OperationsAlarm(this, `Unhealthy-${what}`, {
                    env,
                    what,
                    description:
                        `${label} has had fewer than ${nodeCount} healthy Restate node(s) for ` +
                        `${t.restateUnhealthyMinutes} minutes. First: the target group's health check reason, then ` +
                        "the Restate server's log group (disk, memory, a node that cannot join).",
                    metric: targetGroup.metrics.healthyHostCount({
                        statistic: cloudwatch.Stats.MINIMUM,
                        period: Duration.minutes(1),
                    }),
                    threshold: nodeCount,
                    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
                    evaluationPeriods: t.restateUnhealthyMinutes,
                    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
                }),
        );

        const perNode = props.nodes.flatMap(({ suffix, service, dataFileSystem }) => {
            const node = suffix === "" ? "" : `-${suffix}`;
            const which = nodeCount === 1 ? "The Restate server" : `Restate node ${suffix || "1"}`;
            const fileSystemId = dataFileSystem.fileSystemId;
            const dataSize = new OperationsAlarm(this, `DataSize${suffix}`, {
                env,
                what: `restate-data${node}-size`,
                description:
                    `${which}'s data directory (EFS) holds more than ${t.restateDataGiB} GiB. First: Restate's ` +
                    "retention settings (completed invocations' journals) and invocations that never finish (ops:health).",
                metric: new cloudwatch.Metric({
                    namespace: "AWS/EFS",
                    metricName: "StorageBytes",
                    dimensionsMap: { FileSystemId: fileSystemId, StorageClass: "Total" },
                    statistic: cloudwatch.Stats.MAXIMUM,
                    period: Duration.minutes(15),
                }),
                threshold: t.restateDataGiB * 1024 ** 3,
                comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            });
            const ioLimit = new OperationsAlarm(this, `DataIoLimit${suffix}`, {
                env,
                what: `restate-data${node}-io-limit`,
                description:
                    `${which}'s data directory (EFS) used over ${t.restateIoLimitPercent} % of its I/O limit for 15 ` +
                    "minutes: Restate slows down. First: the load (bench figures, a bulk run); if it lasts, see " +
                    "'The Restate server: single node or cluster' in modules/restate-cdk/README.md.",
                metric: new cloudwatch.Metric({
                    namespace: "AWS/EFS",
                    metricName: "PercentIOLimit",
                    dimensionsMap: { FileSystemId: fileSystemId },
                    statistic: cloudwatch.Stats.MAXIMUM,
                    period: Duration.minutes(5),
                }),
                threshold: t.restateIoLimitPercent,
                comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                evaluationPeriods: 3,
            });
            const tasks = new TaskShortfallAlarm(this, `Tasks${suffix}`, {
                env,
                what: `restate-server${node}-tasks`,
                label: which,
                service,
                minTasks: 1,
                minutes: t.taskShortfallMinutes,
            });
            return [dataSize, ioLimit, tasks];
        });
        this.alarms = [ingress5xx, ...unhealthy, ...perNode];
    }
}
