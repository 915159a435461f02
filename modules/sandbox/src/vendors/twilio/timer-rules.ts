/**
 * Twilio's rules for a conversation's `Timers.Inactive` and `Timers.Closed` (Conversation resource, create and
 * update parameters: "Minimum value for this timer is 1 minute" / "… 10 minutes"), with the error codes
 * Twilio documents for them: 50375 / 50376 below the minimum, 50379 / 50380 not an ISO-8601 duration.
 */
import { isoDurationMs } from "common";
import { TwilioError } from "./errors";
import type { ConversationTimer } from "./store";

const MINUTE = 60_000;

/** `fastTimers` (a test-only acceleration) makes every timer elapse this many times faster. */
export const FAST_TIMER_FACTOR = 60;

const RULES = {
    "Timers.Inactive": { minimumMs: MINUTE, minimum: "1 minute", tooShort: 50375, badFormat: 50379 },
    "Timers.Closed": { minimumMs: 10 * MINUTE, minimum: "10 minutes", tooShort: 50376, badFormat: 50380 },
} as const;

export type TimerParameter = keyof typeof RULES;

/**
 * A timer parameter as given: undefined when absent, null when empty (the timer is removed), else the
 * duration with the time it takes to elapse here (60× shorter with `fastTimers`). Refuses what Twilio refuses.
 */
export function parseTimer(
    parameter: TimerParameter,
    value: string | undefined,
    fastTimers: boolean,
): ConversationTimer | null | undefined {
    if (value === undefined) return undefined;
    if (value === "") return null;
    const rule = RULES[parameter];
    const ms = isoDurationMs(value);
    if (ms === undefined) {
        throw new TwilioError(
            400,
            rule.badFormat,
            `${parameter} must be an ISO-8601 duration such as PT10M (got ${value})`,
        );
    }
    if (ms < rule.minimumMs) {
        throw new TwilioError(
            400,
            rule.tooShort,
            `${parameter} should be greater or equal to ${rule.minimum} (got ${value})`,
        );
    }
    return { iso: value, ms: fastTimers ? ms / FAST_TIMER_FACTOR : ms };
}
