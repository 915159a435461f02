/** Minutes in a day; a day's opening is a pair of minutes after that day's midnight. */
export const DAY_MINUTES = 1440;

/** One opening of a day: from `open` to `close`, minutes after midnight; `close` past 1440 ends the next day. */
export interface DayOpening {
    open: number;
    close: number;
}

const CLOCK = /^(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?m?\.?$/;
const RANGE_SEPARATOR = /\s*(?:-|–|—|\bto\b)\s*/;
const PART_SEPARATOR = /\s*(?:,|;|&|\band\b)\s*/;

interface Clock {
    hour: number;
    minute: number;
    meridiem: "a" | "p" | undefined;
}

function readClock(text: string): Clock | undefined {
    const match = CLOCK.exec(text.trim());
    if (!match) return undefined;
    const hour = Number(match[1]);
    const minute = Number(match[2] ?? "0");
    const meridiem = match[3] === "a" || match[3] === "p" ? match[3] : undefined;
    if (minute > 59 || hour > (meridiem ? 12 : 24) || (meridiem && hour === 0)) return undefined;
    return { hour, minute, meridiem };
}

/** Minutes after midnight of a clock time, with the meridiem it has or the one it borrows. */
function minutesOf(clock: Clock, meridiem: "a" | "p" | undefined): number {
    const hour12 = clock.hour % 12;
    const hour = meridiem === undefined ? clock.hour : meridiem === "p" ? hour12 + 12 : hour12;
    return hour * 60 + clock.minute;
}

/**
 * The meridiem a time without one takes from the other end of its range: the same one, unless that would put
 * the opening after the closing ("9-5 PM" is 9 AM, "9 AM - 5" is 5 PM). Neither has one: a 24-hour clock.
 */
function borrowed(clock: Clock, other: Clock, closing = false): "a" | "p" | undefined {
    if (!other.meridiem) return undefined;
    const flip = other.meridiem === "a" ? "p" : "a";
    const wraps = closing ? clock.hour % 12 <= other.hour % 12 : clock.hour % 12 > other.hour % 12;
    return wraps ? flip : other.meridiem;
}

/**
 * "9:00 AM - 6:00 PM": an opening; a closing time at or before the opening ends after midnight ("6 PM - 2 AM").
 * A time without AM/PM borrows the other one's ("9-5 PM" is 9 AM, "1-5 PM" 1 PM). With neither, a 24-hour clock,
 * except shop hours written short: "9-6" (a closing hour below an opening hour up to 12) is 9 AM to 6 PM, "12-5" noon to 5 PM.
 */
function readRange(text: string): DayOpening | undefined {
    const ends = text.split(RANGE_SEPARATOR);
    if (ends.length !== 2) return undefined;
    const from = readClock(ends[0] ?? "");
    const to = readClock(ends[1] ?? "");
    if (!from || !to) return undefined;
    const shopHours = !from.meridiem && !to.meridiem && from.hour >= 1 && to.hour < from.hour && from.hour <= 12;
    const fromMeridiem = from.meridiem ?? (shopHours ? (from.hour === 12 ? "p" : "a") : borrowed(from, to));
    const toMeridiem = to.meridiem ?? (shopHours ? "p" : borrowed(to, from, true));
    const open = minutesOf(from, fromMeridiem);
    const close = minutesOf(to, toMeridiem);
    if (open >= DAY_MINUTES) return undefined;
    return { open, close: close <= open ? close + DAY_MINUTES : close };
}

/**
 * One day's hours as Nexus writes them: "Closed" (no opening), "Open 24 hours", or one or more ranges
 * ("10:00 AM - 1:00 PM, 2:00 PM - 6:00 PM"; also "9am-6pm", "09:00-18:00", "noon", "midnight").
 * Undefined when the text says something else (e.g. "By appointment"): the caller treats it as unknown.
 */
export function readDayHours(text: string): DayOpening[] | undefined {
    const normal = text
        .toLowerCase()
        .replace(/\bnoon\b/g, "12:00 pm")
        .replace(/\bmidnight\b/g, "12:00 am")
        .trim();
    if (normal === "closed") return [];
    if (/^(open )?24 ?(hours|hrs|h)$/.test(normal)) return [{ open: 0, close: DAY_MINUTES }];
    const openings: DayOpening[] = [];
    for (const part of normal.split(PART_SEPARATOR)) {
        const range = readRange(part);
        if (!range) return undefined;
        openings.push(range);
    }
    return openings;
}
