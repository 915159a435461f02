import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import type { Construct } from "constructs";
import type { EnvironmentName } from "../names";
import { OperationsAlarm } from "./operations-alarm";

export interface TaskShortfallAlarmProps {
    env: EnvironmentName;
    /** The end of the alarm's name (`restate-server-tasks`). */
    what: string;
    /** The service, as people call it, for the description. */
    label: string;
    /** The ECS service watched; its cluster has Container Insights. */
    service: ecs.BaseService;
    /** Tasks the service must have running (its minimum). */
    minTasks: number;
    /** Consecutive minutes below the minimum before the alarm fires. */
    minutes: number;
}

/**
 * Fires when a service runs fewer tasks than its minimum for a while (Container Insights `RunningTaskCount`,
 * lowest value of each minute): tasks crashing and being restarted, or failing to start at all. A missing
 * figure counts as a shortfall, since a service whose tasks never start may report nothing.
 */
export class TaskShortfallAlarm extends OperationsAlarm {
    constructor(scope: Construct, id: string, props: TaskShortfallAlarmProps) {
        super(scope, id, {
            env: props.env,
            what: props.what,
            description:
                `${props.label} has run fewer than ${props.minTasks} task(s) for ${props.minutes} minutes: tasks are ` +
                "crashing or cannot start. First: the service's Events tab in the ECS console and the stopped tasks' " +
                "reason, then the service's log group.",
            metric: new cloudwatch.Metric({
                namespace: "ECS/ContainerInsights",
                metricName: "RunningTaskCount",
                dimensionsMap: {
                    ClusterName: props.service.cluster.clusterName,
                    ServiceName: props.service.serviceName,
                },
                statistic: cloudwatch.Stats.MINIMUM,
                period: Duration.minutes(1),
            }),
            threshold: props.minTasks,
            comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
            evaluationPeriods: props.minutes,
            treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        });
    }
}
