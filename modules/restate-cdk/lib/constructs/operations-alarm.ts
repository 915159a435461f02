import { ArnFormat, Stack } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { alarmName, alarmTopicName, type EnvironmentName } from "../names";

export interface OperationsAlarmProps {
    /** Environment: the alarm's name and the topic it notifies. */
    env: EnvironmentName;
    /** What the alarm watches, the end of its name (`stuck-invocations`, `integration-errors-rlm`). */
    what: string;
    /** What it means and the first thing to do; shown in the notification. */
    description: string;
    metric: cloudwatch.IMetric;
    threshold: number;
    comparisonOperator: cloudwatch.ComparisonOperator;
    /** Consecutive periods that must breach (all of them); default 1. */
    evaluationPeriods?: number;
    /** Default: a missing figure is not a breach (an idle balancer reports no 5xx). */
    treatMissingData?: cloudwatch.TreatMissingData;
}

/** ARN of the environment's alarm topic, computed from its name (the topic lives in the network stack). */
export function alarmTopicArn(scope: Construct, env: EnvironmentName): string {
    return Stack.of(scope).formatArn({
        service: "sns",
        resource: alarmTopicName(env),
        arnFormat: ArnFormat.NO_RESOURCE_NAME,
    });
}

/**
 * An alarm of the environment, named `lead-processor-<env>-<what>`, that notifies the environment's alarm topic
 * when it fires and when it recovers.
 */
export class OperationsAlarm extends cloudwatch.Alarm {
    /** The alarm's name as plain text (`alarmName` is a token), so another stack can refer to it by name. */
    readonly name: string;

    constructor(scope: Construct, id: string, props: OperationsAlarmProps) {
        const periods = props.evaluationPeriods ?? 1;
        const name = alarmName(props.env, props.what);
        super(scope, id, {
            alarmName: name,
            alarmDescription: props.description,
            metric: props.metric,
            threshold: props.threshold,
            comparisonOperator: props.comparisonOperator,
            evaluationPeriods: periods,
            datapointsToAlarm: periods,
            treatMissingData: props.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
        });
        this.name = name;
        const topic = new cloudwatchActions.SnsAction(
            sns.Topic.fromTopicArn(this, "Topic", alarmTopicArn(this, props.env)),
        );
        this.addAlarmAction(topic);
        this.addOkAction(topic);
    }
}
