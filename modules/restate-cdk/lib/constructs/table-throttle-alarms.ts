import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { Construct } from "constructs";
import { tableNames } from "lead-processor";
import type { EnvironmentName } from "../names";
import { OperationsAlarm } from "./operations-alarm";

export interface TableThrottleAlarmsProps {
    env: EnvironmentName;
    /** Table name prefix; the alarms watch the three tables by name (created or adopted alike). */
    tablePrefix: string;
    /** Throttled reads and writes of one table in five minutes at which its alarm fires. */
    threshold: number;
}

/** One alarm per table on its throttled reads and writes (`ReadThrottleEvents` + `WriteThrottleEvents`). */
export class TableThrottleAlarms extends Construct {
    readonly alarms: OperationsAlarm[];

    constructor(scope: Construct, id: string, props: TableThrottleAlarmsProps) {
        super(scope, id);
        const names = tableNames(props.tablePrefix);
        const throttles = (tableName: string, metricName: string): cloudwatch.Metric =>
            new cloudwatch.Metric({
                namespace: "AWS/DynamoDB",
                metricName,
                dimensionsMap: { TableName: tableName },
                statistic: cloudwatch.Stats.SUM,
                period: Duration.minutes(5),
            });
        this.alarms = Object.entries(names).map(([key, tableName]) => {
            return new OperationsAlarm(this, key, {
                env: props.env,
                what: `table-throttles-${key.toLowerCase()}`,
                description:
                    `${tableName} throttled ${props.threshold} or more reads or writes in five minutes. First: the ` +
                    "table's capacity mode and CloudWatch Contributor Insights for hot keys; on-demand tables " +
                    "throttle when traffic more than doubles at once (a bulk run).",
                metric: new cloudwatch.MathExpression({
                    expression: "FILL(reads, 0) + FILL(writes, 0)",
                    label: `${tableName} throttled requests`,
                    usingMetrics: {
                        reads: throttles(tableName, "ReadThrottleEvents"),
                        writes: throttles(tableName, "WriteThrottleEvents"),
                    },
                    period: Duration.minutes(5),
                }),
                threshold: props.threshold,
                comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            });
        });
    }
}
