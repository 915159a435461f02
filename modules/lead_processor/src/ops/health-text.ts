import { maskPhonesInText } from "common";
import type { Breach, HealthReport } from "./health-report";

/** `7m 12s`, `2h 3m`, `45s`. */
export function formatSeconds(total: number): string {
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0) return `${h}h ${m}m`;
    return m > 0 ? `${m}m ${s}s` : `${s}s`;
}

const FIGURE_NAMES: Record<Breach["figure"], string> = {
    stuckInvocations: "stuck invocations",
    pausedInvocations: "paused invocations",
    integrationErrors: "open leads with an integration in ERROR at",
    activePastClosedTimer: "leads active past their thread's closed timer",
    optOutsLastDay: "opt-outs in the last day",
};

/** `open leads with an integration in ERROR at FloorForce: 2 > 0 (HEALTH_MAX_INTEGRATION_ERRORS)`. */
export function describeBreach(breach: Breach): string {
    const what = breach.subject ? `${FIGURE_NAMES[breach.figure]} ${breach.subject}` : FIGURE_NAMES[breach.figure];
    return `${what}: ${breach.value} > ${breach.max} (${breach.setting})`;
}

/** The report for people: figures, the invocations and leads behind them, then the verdict. */
export function healthText(report: HealthReport): string {
    const inv = report.invocations;
    const lines = [
        `Lead processor health: ${report.environment}, tables ${report.tablePrefix}_Web2Text_*, at ${report.checkedAt}`,
        `  Invocations       ${inv.retrying} retrying, ${inv.stuck} stuck (retrying ${report.stuckAfter} or longer), ${inv.paused} paused${inv.retrying + inv.paused > 0 ? `; oldest ${formatSeconds(inv.oldestStuckSeconds)}` : ""}`,
        ...inv.examples.map(
            (i) =>
                `    ${i.id}  ${i.target}  ${i.status}  ${i.retryCount} retries  ${formatSeconds(i.sinceSeconds)}${i.lastFailure ? `  ${maskPhonesInText(i.lastFailure)}` : ""}`,
        ),
        `  Integration errors (open leads)${report.leads.integrationErrors.length === 0 ? "  none" : ""}`,
        ...report.leads.integrationErrors.flatMap((vendor) => [
            `    ${vendor.vendor}  ${vendor.leads} lead(s)`,
            ...vendor.errors.map(
                (e) =>
                    `      ${e.leads} × ${maskPhonesInText(e.message)}: ${e.leadIds.join(", ")}${e.leads > e.leadIds.length ? ", …" : ""}`,
            ),
        ]),
        `  Active past the closed timer (${report.closedTimer} + reconcile interval)  ${report.leads.activePastClosedTimer.count}${report.leads.activePastClosedTimer.leadIds.length > 0 ? `: ${report.leads.activePastClosedTimer.leadIds.join(", ")}` : ""}`,
        `  Opt-outs in the last day  ${report.optOutsLastDay}`,
        `  Leads scanned     ${report.leads.scanned}${report.leads.unreadable > 0 ? ` (${report.leads.unreadable} unreadable)` : ""}`,
        "",
        report.healthy
            ? "HEALTHY: every figure is within its threshold"
            : `UNHEALTHY: ${report.breaches.map(describeBreach).join("; ")}`,
    ];
    return `${lines.join("\n")}\n`;
}
