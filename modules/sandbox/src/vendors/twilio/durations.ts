const DURATION =
    /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Milliseconds in an ISO-8601 duration (`P7D`, `PT30S`, `P1DT2H`), or undefined when it is not one.
 * Years count as 365 days and months as 30, which is all a conversation timer needs.
 */
export function durationMs(iso: string): number | undefined {
    const match = DURATION.exec(iso);
    if (!match) return undefined;
    const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
    return (
        (years ?? 0) * 365 * DAY +
        (months ?? 0) * 30 * DAY +
        (weeks ?? 0) * 7 * DAY +
        (days ?? 0) * DAY +
        (hours ?? 0) * HOUR +
        (minutes ?? 0) * MINUTE +
        Math.round((seconds ?? 0) * SECOND)
    );
}
