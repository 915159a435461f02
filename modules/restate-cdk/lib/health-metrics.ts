/**
 * The health figures the lead processor publishes (contract with its `health --emf` entry): CloudWatch Embedded
 * Metric Format lines in namespace `LeadProcessor`, dimension `Environment` (the environment's name, as
 * `DEPLOYMENT_ENV`), `IntegrationErrors` also by `Vendor`. The scheduled task runs the entry; the alarms and the
 * dashboard read these metrics.
 */
import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { HEALTH_NAMESPACE, type HealthMetricName, KNOWN_VENDORS } from "lead-processor/ops";
import type { EnvironmentName } from "./names";

/** The `Vendor` values of `IntegrationErrors`: the lead processor's integration names, one alarm each. */
export const HEALTH_VENDORS = KNOWN_VENDORS;
export type HealthVendor = (typeof KNOWN_VENDORS)[number];

/** How often the scheduled task reports; every health figure is read over this period. */
export const HEALTH_REPORT_PERIOD = Duration.minutes(5);

/** The command the scheduled task runs in the lead-processor image (the entry the Dockerfile bundles). */
export const HEALTH_COMMAND = ["node", "--enable-source-maps", "dist/health.js", "--emf"];

/** One health figure of an environment (the highest value reported in a period), optionally for one vendor. */
export function healthMetric(env: EnvironmentName, name: HealthMetricName, vendor?: HealthVendor): cloudwatch.Metric {
    return new cloudwatch.Metric({
        namespace: HEALTH_NAMESPACE,
        metricName: name,
        dimensionsMap: vendor === undefined ? { Environment: env } : { Environment: env, Vendor: vendor },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: HEALTH_REPORT_PERIOD,
    });
}
