import { z } from "zod";

/**
 * ISO-8601 duration as Twilio conversation timers take it: `P` then years, months, weeks, days, and after `T`
 * hours, minutes and (possibly fractional) seconds, at least one part present (`P7D`, `PT30S`, `PT1H30M`).
 */
const DURATION =
    /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Milliseconds per part, in the order of the pattern's groups (a year counts 365 days, a month 30). */
const PART_MS = [365 * DAY, 30 * DAY, 7 * DAY, DAY, HOUR, MINUTE, SECOND];

/** An ISO-8601 duration string such as `P7D` or `PT30S`; the one duration syntax of every module. */
export const IsoDuration = z.string().regex(DURATION, "must be an ISO-8601 duration such as P7D or PT30S");

/** Milliseconds in an ISO-8601 duration, or undefined when `iso` is not one. */
export function isoDurationMs(iso: string): number | undefined {
    const match = DURATION.exec(iso);
    if (!match) return undefined;
    return PART_MS.reduce((total, ms, i) => total + Math.round(Number(match[i + 1] ?? 0) * ms), 0);
}

/**
 * An ISO-8601 duration at least as long as `minimum`. A shorter one is refused with one message naming both
 * (`PT5M is shorter than PT10M<why>`); whoever parses it adds the setting's name.
 */
export function isoDurationAtLeast(minimum: string, why = "") {
    const minimumMs = isoDurationMs(minimum) ?? 0;
    return IsoDuration.refine((value) => (isoDurationMs(value) ?? 0) >= minimumMs, {
        error: (issue) => `${String(issue.input)} is shorter than ${minimum}${why}`,
        when: (payload) => payload.issues.length === 0,
    });
}

/**
 * Twilio's minimums for a conversation's timers (Conversation resource, `Timers.Inactive` / `Timers.Closed`):
 * Twilio refuses a create or update with a shorter one.
 */
export const TWILIO_TIMER_MINIMUMS = { inactive: "PT1M", closed: "PT10M" } as const;

/**
 * A Twilio conversation timer: at least Twilio's minimum for that timer, so a bad setting fails at start-up
 * instead of failing every conversation create (`PT5M is shorter than PT10M, Twilio's minimum for this timer`).
 */
export function twilioConversationTimer(timer: keyof typeof TWILIO_TIMER_MINIMUMS) {
    return isoDurationAtLeast(TWILIO_TIMER_MINIMUMS[timer], ", Twilio's minimum for this timer");
}
