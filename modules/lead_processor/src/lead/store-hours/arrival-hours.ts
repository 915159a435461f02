import { DAY_MINUTES } from "./day-hours";
import { clockText, dateAfter, localClock } from "./local-clock";
import type { StoreHours } from "./store-hours";
import { WEEK_MINUTES, WEEKDAYS } from "./weekly-hours";

/** Whether the store was open when a lead arrived; when closed, when it opens next (store-local words). */
export type ArrivalHours = { kind: "open" } | { kind: "closed"; opens: string } | { kind: "unknown"; reason: string };

const since = (from: number, to: number) => (((to - from) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;

/** "today at 9:00 AM", "tomorrow at 9:00 AM", "Tuesday at 9:00 AM", "next Monday at 9:00 AM". */
function openingWords(daysAhead: number, weekday: number, minute: number): string {
    const day = WEEKDAYS[weekday] ?? "";
    const when = daysAhead === 0 ? "today" : daysAhead === 1 ? "tomorrow" : daysAhead >= 7 ? `next ${day}` : day;
    return `${when} at ${clockText(minute)}`;
}

/**
 * The store's hours at the lead's arrival (its journaled `DateSubmitted`), so the same lead always gets the
 * same answer. Unknown hours, or a dated entry (a holiday) on the arrival's date or the next opening's date,
 * give `unknown`: the store's weekly hours cannot be trusted then.
 */
export function arrivalHours(hours: StoreHours | undefined, arrivedAt: string): ArrivalHours {
    if (!hours) return { kind: "unknown", reason: "the lead keeps no store hours" };
    if (!hours.known) return { kind: "unknown", reason: hours.reason };
    const instant = new Date(arrivedAt);
    if (Number.isNaN(instant.getTime()))
        return { kind: "unknown", reason: `arrival time '${arrivedAt}' is not a date` };
    const local = localClock(instant, hours.timeZone);
    if (hours.datedEntries.includes(local.date)) return { kind: "unknown", reason: `${local.date} is a dated entry` };
    const now = local.weekday * DAY_MINUTES + local.minute;
    if (hours.openings.some((o) => since(o.start, now) < o.end - o.start)) return { kind: "open" };
    const wait = Math.min(...hours.openings.map((o) => since(now, o.start)));
    const start = (now + wait) % WEEK_MINUTES;
    const daysAhead = Math.floor((local.minute + wait) / DAY_MINUTES);
    const openingDate = dateAfter(local.date, daysAhead);
    if (hours.datedEntries.includes(openingDate)) {
        return { kind: "unknown", reason: `the next opening's date ${openingDate} is a dated entry` };
    }
    const weekday = Math.floor(start / DAY_MINUTES);
    return { kind: "closed", opens: openingWords(daysAhead, weekday, start % DAY_MINUTES) };
}
