import { DAY_MINUTES } from "./day-hours";

/** A moment as a store's wall clock shows it. */
export interface LocalClock {
    /** YYYY-MM-DD in the store's zone. */
    date: string;
    /** 0 = Sunday. */
    weekday: number;
    /** Minutes after the local midnight. */
    minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const SHORT_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function formatFor(timeZone: string): Intl.DateTimeFormat {
    let format = formats.get(timeZone);
    if (!format) {
        format = new Intl.DateTimeFormat("en-US", {
            timeZone,
            weekday: "short",
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
        });
        formats.set(timeZone, format);
    }
    return format;
}

/** The store's wall clock at an instant (daylight saving time included, from the runtime's time-zone data). */
export function localClock(instant: Date, timeZone: string): LocalClock {
    const parts = Object.fromEntries(
        formatFor(timeZone)
            .formatToParts(instant)
            .map((p) => [p.type, p.value]),
    );
    return {
        date: `${parts.year}-${parts.month}-${parts.day}`,
        weekday: SHORT_DAYS.indexOf(parts.weekday ?? ""),
        minute: Number(parts.hour) * 60 + Number(parts.minute),
    };
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function dateAfter(date: string, days: number): string {
    const [y, m, d] = date.split("-").map(Number);
    return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** "9:00 AM", "12:30 PM" for minutes after midnight. */
export function clockText(minutes: number): string {
    const m = minutes % DAY_MINUTES;
    const hour = Math.floor(m / 60);
    const hour12 = hour % 12 === 0 ? 12 : hour % 12;
    return `${hour12}:${String(m % 60).padStart(2, "0")} ${hour < 12 ? "AM" : "PM"}`;
}
