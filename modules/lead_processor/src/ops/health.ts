/** The health figures an operator acts on (`bun run ops:health`, `node dist/health.js --emf`). */
export { collectHealth, HealthSourceError } from "./health-collect";
export { HEALTH_METRICS, HEALTH_NAMESPACE, type HealthMetricName, healthEmfLines, KNOWN_VENDORS } from "./health-emf";
export { HEALTH_EXIT, healthOutput, runHealth } from "./health-entry";
export { TROUBLED_INVOCATIONS_SQL } from "./health-invocations";
export { type Breach, HEALTH_REPORT_VERSION, HealthReport } from "./health-report";
export { HealthSettings, HealthThresholdSettings } from "./health-settings";
export { describeBreach, healthText } from "./health-text";
export { restateRows, sqlString } from "./restate-sql";
