import type { IntegrationName } from "../lead/lead-type";
import { LEAD_TYPES } from "../lead/lead-types";
import type { HealthReport } from "./health-report";

/** The CloudWatch namespace and metric names the CDK's alarms and dashboard use (contract with the CDK). */
export const HEALTH_NAMESPACE = "LeadProcessor";
export const HEALTH_METRICS = {
    stuck: "StuckInvocations",
    paused: "PausedInvocations",
    oldestStuck: "OldestStuckInvocationSeconds",
    integrationErrors: "IntegrationErrors",
    activePastClosedTimer: "ActivePastClosedTimer",
    optOutsLastDay: "OptOutsLastDay",
} as const;

/** Every vendor a lead type integrates with: each gets an `IntegrationErrors` value, 0 included. */
export const KNOWN_VENDORS: readonly IntegrationName[] = [...new Set(LEAD_TYPES.flatMap((type) => type.integrations))];

/** One health metric's name, as the CDK's alarms read it. */
export type HealthMetricName = (typeof HEALTH_METRICS)[keyof typeof HEALTH_METRICS];

interface Metric {
    Name: string;
    Unit: "Count" | "Seconds";
}

/** One Embedded Metric Format document: the `_aws` metadata and the dimension and metric values as members. */
function emfLine(at: number, dimensions: Record<string, string>, metrics: [Metric, number][]): string {
    return JSON.stringify({
        _aws: {
            Timestamp: at,
            CloudWatchMetrics: [
                {
                    Namespace: HEALTH_NAMESPACE,
                    Dimensions: [Object.keys(dimensions)],
                    Metrics: metrics.map(([metric]) => metric),
                },
            ],
        },
        ...dimensions,
        ...Object.fromEntries(metrics.map(([metric, value]) => [metric.Name, value])),
    });
}

/**
 * The report as CloudWatch Embedded Metric Format lines (one JSON document per line, written to stdout, which
 * the task's awslogs driver ships to CloudWatch Logs, where the metrics are extracted): one line with the
 * figures per `Environment`, then one `IntegrationErrors` line per vendor (`Environment`, `Vendor`).
 */
export function healthEmfLines(report: HealthReport): string[] {
    const at = Date.parse(report.checkedAt);
    const environment = { Environment: report.environment };
    const count = (Name: string): Metric => ({ Name, Unit: "Count" });
    const errors = new Map(report.leads.integrationErrors.map((v) => [v.vendor, v.leads]));
    const vendors = [...new Set<string>([...KNOWN_VENDORS, ...errors.keys()])];
    return [
        emfLine(at, environment, [
            [count(HEALTH_METRICS.stuck), report.invocations.stuck],
            [count(HEALTH_METRICS.paused), report.invocations.paused],
            [{ Name: HEALTH_METRICS.oldestStuck, Unit: "Seconds" }, report.invocations.oldestStuckSeconds],
            [count(HEALTH_METRICS.activePastClosedTimer), report.leads.activePastClosedTimer.count],
            [count(HEALTH_METRICS.optOutsLastDay), report.optOutsLastDay],
        ]),
        ...vendors.map((vendor) =>
            emfLine(at, { ...environment, Vendor: vendor }, [
                [count(HEALTH_METRICS.integrationErrors), errors.get(vendor) ?? 0],
            ]),
        ),
    ];
}
