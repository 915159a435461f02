import { envUrl, IsoDuration, isoDurationMs } from "common";
import { z } from "zod";
import { ENVIRONMENT_DEFAULTS, LeadProcessorSettings } from "../config";

/** A count threshold from the environment: a whole number ≥ 0. */
const count = (fallback: number) =>
    z.string().regex(/^\d+$/, "must be a whole number, 0 or more").default(String(fallback)).transform(Number);

/**
 * The health command's own settings: the admin API it reads and the thresholds an operator acts on (a figure
 * above its maximum is a breach). Documented in `.env.example`.
 */
export const HealthThresholdSettings = z.object({
    /** The Restate admin API (port 9070) whose `sys_invocation` table is read. Required here. */
    RESTATE_ADMIN_URL: envUrl,
    /** An invocation retrying for at least this long counts as stuck (vendor steps retry for seconds). */
    HEALTH_STUCK_AFTER: IsoDuration.default("PT5M"),
    HEALTH_MAX_STUCK_INVOCATIONS: count(0),
    HEALTH_MAX_PAUSED_INVOCATIONS: count(0),
    /** Per vendor: open leads whose integration with that vendor is in ERROR. */
    HEALTH_MAX_INTEGRATION_ERRORS: count(0),
    HEALTH_MAX_ACTIVE_PAST_CLOSED_TIMER: count(0),
    HEALTH_MAX_OPT_OUTS_LAST_DAY: count(100),
});

/**
 * The settings the health figures are computed from: the service's own (same names, same defaults, parsed by
 * the same loader) plus {@link HealthThresholdSettings}.
 */
export const HealthSettings = LeadProcessorSettings.pick({
    DEPLOYMENT_ENV: true,
    AWS_REGION: true,
    DYNAMODB_ENDPOINT: true,
    LOCAL_DYNAMODB_URL: true,
    TABLE_PREFIX: true,
    TWILIO_CONVERSATION_CLOSED_TIMER: true,
    LEAD_RECONCILE_INTERVAL: true,
})
    .extend(HealthThresholdSettings.shape)
    .transform((s) => {
        const defaults = ENVIRONMENT_DEFAULTS[s.DEPLOYMENT_ENV ?? "development"];
        const closedTimer = s.TWILIO_CONVERSATION_CLOSED_TIMER ?? defaults.closedTimer;
        return {
            environment: s.DEPLOYMENT_ENV ?? "development",
            region: s.AWS_REGION,
            dynamoEndpoint: s.DYNAMODB_ENDPOINT ?? s.LOCAL_DYNAMODB_URL,
            tablePrefix: s.TABLE_PREFIX ?? defaults.tablePrefix,
            restateAdminUrl: s.RESTATE_ADMIN_URL,
            closedTimer,
            /** Closed timer + one reconcile interval: by then a silent thread is closed and its leads too. */
            overdueAfterMs: (isoDurationMs(closedTimer) ?? 0) + (isoDurationMs(s.LEAD_RECONCILE_INTERVAL) ?? 0),
            stuckAfter: s.HEALTH_STUCK_AFTER,
            stuckAfterMs: isoDurationMs(s.HEALTH_STUCK_AFTER) ?? 0,
            thresholds: {
                stuckInvocations: s.HEALTH_MAX_STUCK_INVOCATIONS,
                pausedInvocations: s.HEALTH_MAX_PAUSED_INVOCATIONS,
                integrationErrorsPerVendor: s.HEALTH_MAX_INTEGRATION_ERRORS,
                activePastClosedTimer: s.HEALTH_MAX_ACTIVE_PAST_CLOSED_TIMER,
                optOutsLastDay: s.HEALTH_MAX_OPT_OUTS_LAST_DAY,
            },
        };
    });
export type HealthSettings = z.output<typeof HealthSettings>;
export type HealthThresholds = HealthSettings["thresholds"];
