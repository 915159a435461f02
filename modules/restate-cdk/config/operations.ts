/**
 * Operations settings of an environment: who hears about alarms, the thresholds the alarms fire at, and the
 * edge rate limits of the public ingress. Every field has a default, so an environment only lists what it changes.
 */
import { z } from "zod";

/** When each alarm fires. Counts are per evaluation period; durations are consecutive minutes. */
export const AlarmThresholds = z.object({
    /** Invocations Restate keeps retrying (health figure `StuckInvocations`), in two reports in a row. */
    stuckInvocations: z.int().min(1).default(1),
    /** Invocations Restate has paused after its retries (`PausedInvocations`); each one waits for an operator. */
    pausedInvocations: z.int().min(1).default(1),
    /** Leads with an integration in ERROR, per vendor (`IntegrationErrors`), in two reports in a row. */
    integrationErrors: z.int().min(1).default(1),
    /** 5xx answers of the public ingress balancer (its own and Restate's) in five minutes. */
    ingress5xxPerFiveMinutes: z.int().min(1).default(10),
    /** Minutes a service runs fewer tasks than its minimum (a task crashing, restarting or failing to start). */
    taskShortfallMinutes: z.int().min(1).max(60).default(5),
    /** Minutes a Restate target group has fewer healthy targets than Restate nodes. */
    restateUnhealthyMinutes: z.int().min(1).max(60).default(3),
    /** Size of the Restate data directory (EFS) in GiB. */
    restateDataGiB: z.int().min(1).default(100),
    /** EFS I/O limit used, in percent, for fifteen minutes. */
    restateIoLimitPercent: z.int().min(1).max(100).default(90),
    /** Throttled reads and writes of one DynamoDB table in five minutes. */
    tableThrottlesPerFiveMinutes: z.int().min(1).default(10),
});

export const AlarmSettings = z.object({
    /** E-mail addresses subscribed to the environment's alarm topic (each confirms once); other subscribers are added outside the stack. */
    emails: z.array(z.email()).default([]),
    thresholds: AlarmThresholds.prefault({}),
});

/**
 * AWS WAF rate-based rules on the public ingress balancer, counted over one minute (WAF's smallest limit is 10).
 * A client over a limit gets 429 with `Retry-After: 60` until its rate falls back under it.
 */
export const EdgeRateLimits = z.object({
    /** Requests per minute with one `Authorization` header (one API key), across every route. */
    apiKeyPerMinute: z.int().min(10).max(2_000_000_000).default(1200),
    /** Requests per minute from one IP address to `/TwilioWebhooks/` (Twilio's webhooks carry no API key). */
    twilioWebhookPerIpPerMinute: z.int().min(10).max(2_000_000_000).default(600),
});

export type AlarmSettings = z.output<typeof AlarmSettings>;
export type AlarmThresholds = z.output<typeof AlarmThresholds>;
export type EdgeRateLimits = z.output<typeof EdgeRateLimits>;
