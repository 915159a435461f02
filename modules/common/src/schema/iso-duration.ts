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
