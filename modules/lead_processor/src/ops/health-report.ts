import { z } from "zod";
import { InvocationFigures } from "./health-invocations";
import { LeadFigures } from "./health-leads";
import type { HealthSettings } from "./health-settings";

/** The version of the `--json` shape; a change that breaks readers bumps it. */
export const HEALTH_REPORT_VERSION = 1;

const Thresholds = z.object({
    stuckInvocations: z.number(),
    pausedInvocations: z.number(),
    integrationErrorsPerVendor: z.number(),
    activePastClosedTimer: z.number(),
    optOutsLastDay: z.number(),
});

/** A figure above its threshold; `subject` names the vendor for per-vendor figures. */
export const Breach = z.object({
    figure: z.enum([
        "stuckInvocations",
        "pausedInvocations",
        "integrationErrors",
        "activePastClosedTimer",
        "optOutsLastDay",
    ]),
    subject: z.string().optional(),
    value: z.number(),
    max: z.number(),
    setting: z.string(),
});
export type Breach = z.output<typeof Breach>;

/** What `ops:health --json` prints and the EMF lines are made from (documented in docs/operations.md). */
export const HealthReport = z.object({
    version: z.literal(HEALTH_REPORT_VERSION),
    checkedAt: z.iso.datetime(),
    environment: z.string(),
    tablePrefix: z.string(),
    stuckAfter: z.string(),
    closedTimer: z.string(),
    invocations: InvocationFigures,
    leads: LeadFigures,
    optOutsLastDay: z.number(),
    thresholds: Thresholds,
    breaches: z.array(Breach),
    healthy: z.boolean(),
});
export type HealthReport = z.output<typeof HealthReport>;

/** The figures above their thresholds (a figure equal to its maximum is fine). */
export function breaches(
    figures: { invocations: InvocationFigures; leads: LeadFigures; optOutsLastDay: number },
    max: HealthSettings["thresholds"],
): Breach[] {
    const over = (figure: Breach["figure"], value: number, limit: number, setting: string, subject?: string) =>
        value > limit ? [{ figure, value, max: limit, setting, ...(subject ? { subject } : {}) }] : [];
    return [
        ...over("stuckInvocations", figures.invocations.stuck, max.stuckInvocations, "HEALTH_MAX_STUCK_INVOCATIONS"),
        ...over(
            "pausedInvocations",
            figures.invocations.paused,
            max.pausedInvocations,
            "HEALTH_MAX_PAUSED_INVOCATIONS",
        ),
        ...figures.leads.integrationErrors.flatMap((v) =>
            over(
                "integrationErrors",
                v.leads,
                max.integrationErrorsPerVendor,
                "HEALTH_MAX_INTEGRATION_ERRORS",
                v.vendor,
            ),
        ),
        ...over(
            "activePastClosedTimer",
            figures.leads.activePastClosedTimer.count,
            max.activePastClosedTimer,
            "HEALTH_MAX_ACTIVE_PAST_CLOSED_TIMER",
        ),
        ...over("optOutsLastDay", figures.optOutsLastDay, max.optOutsLastDay, "HEALTH_MAX_OPT_OUTS_LAST_DAY"),
    ];
}

/** The report of figures read at `now` with `settings`. */
export function healthReport(
    settings: HealthSettings,
    now: Date,
    figures: { invocations: InvocationFigures; leads: LeadFigures; optOutsLastDay: number },
): HealthReport {
    const found = breaches(figures, settings.thresholds);
    return HealthReport.parse({
        version: HEALTH_REPORT_VERSION,
        checkedAt: now.toISOString(),
        environment: settings.environment,
        tablePrefix: settings.tablePrefix,
        stuckAfter: settings.stuckAfter,
        closedTimer: settings.closedTimer,
        ...figures,
        thresholds: settings.thresholds,
        breaches: found,
        healthy: found.length === 0,
    });
}
