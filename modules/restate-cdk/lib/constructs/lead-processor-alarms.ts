import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as ecs from "aws-cdk-lib/aws-ecs";
import { Construct } from "constructs";
import type { AlarmThresholds } from "../../config/operations";
import { HEALTH_VENDORS, healthMetric } from "../health-metrics";
import type { EnvironmentName } from "../names";
import { OperationsAlarm } from "./operations-alarm";
import { TaskShortfallAlarm } from "./task-shortfall-alarm";

export interface LeadProcessorAlarmsProps {
    env: EnvironmentName;
    thresholds: AlarmThresholds;
    /** The current release's ECS service. */
    service: ecs.BaseService;
    /** Tasks the release must have running (its scaling minimum). */
    minTasks: number;
}

const GE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

/**
 * Alarms on the health figures the scheduled report publishes (stuck and paused invocations, integration errors
 * per vendor, the report itself going missing) and on the current release's tasks.
 */
export class LeadProcessorAlarms extends Construct {
    readonly alarms: OperationsAlarm[];

    constructor(scope: Construct, id: string, props: LeadProcessorAlarmsProps) {
        super(scope, id);
        const { env, thresholds: t } = props;

        const stuck = new OperationsAlarm(this, "StuckInvocations", {
            env,
            what: "stuck-invocations",
            description:
                `${t.stuckInvocations} or more invocations have been retrying in two reports in a row. First: ` +
                "`bun run ops:health` for the oldest ones and their last error, then `bun run lead:show <id>`.",
            metric: healthMetric(env, "StuckInvocations"),
            threshold: t.stuckInvocations,
            comparisonOperator: GE,
            evaluationPeriods: 2,
        });
        const paused = new OperationsAlarm(this, "PausedInvocations", {
            env,
            what: "paused-invocations",
            description:
                `${t.pausedInvocations} or more invocations are paused: Restate gave up retrying and waits for an ` +
                "operator. First: the admin UI's invocation page for the error, fix its cause, then resume it.",
            metric: healthMetric(env, "PausedInvocations"),
            threshold: t.pausedInvocations,
            comparisonOperator: GE,
        });
        const vendors = HEALTH_VENDORS.map(
            (vendor) =>
                new OperationsAlarm(this, `IntegrationErrors-${vendor}`, {
                    env,
                    what: `integration-errors-${vendor.toLowerCase()}`,
                    description:
                        `${t.integrationErrors} or more leads have their ${vendor} integration in ERROR in two reports ` +
                        `in a row. First: \`bun run ops:health\` for the errors, ${vendor}'s status, then ` +
                        "`bun run lead:resync <id>` once it answers.",
                    metric: healthMetric(env, "IntegrationErrors", vendor),
                    threshold: t.integrationErrors,
                    comparisonOperator: GE,
                    evaluationPeriods: 2,
                }),
        );
        const missing = new OperationsAlarm(this, "HealthReportMissing", {
            env,
            what: "health-report-missing",
            description:
                "No health report in 15 minutes, so the alarms above cannot fire. First: the stopped " +
                "`lead-processor-health` tasks in the ECS console and the `health/` streams of the lead processor's " +
                "log group.",
            metric: healthMetric(env, "StuckInvocations").with({
                statistic: cloudwatch.Stats.SAMPLE_COUNT,
                period: Duration.minutes(15),
            }),
            threshold: 1,
            comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
            treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        });
        const tasks = new TaskShortfallAlarm(this, "Tasks", {
            env,
            what: "lead-processor-tasks",
            label: "The lead processor's current release",
            service: props.service,
            minTasks: props.minTasks,
            minutes: t.taskShortfallMinutes,
        });
        this.alarms = [stuck, paused, ...vendors, missing, tasks];
    }
}
