import { z } from "zod";
import { DAY_MINUTES, readDayHours } from "./day-hours";

/** Minutes in a week; an opening of the week starts at a minute after Sunday 00:00 (store-local). */
export const WEEK_MINUTES = 7 * DAY_MINUTES;

/** Days of the week in `Date#getDay` order (0 = Sunday), as a store's hours and the greetings name them. */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** One opening of the week: `start` minutes after Sunday 00:00, `end` after `start` (it may pass Saturday night). */
export const WeekOpening = z.object({
    start: z
        .int()
        .min(0)
        .max(WEEK_MINUTES - 1),
    end: z.int().positive(),
});
export type WeekOpening = z.output<typeof WeekOpening>;

/** A store's week: its openings and the dates (YYYY-MM-DD, store-local) it lists apart, such as holidays. */
export interface WeeklyHours {
    openings: WeekOpening[];
    datedEntries: string[];
}

/**
 * `hours_of_operation` as Nexus answers it: day → hours text (`null` when not filled in), or the same object
 * written as a JSON string. Anything else is not hours we can read.
 */
const HoursOfOperation = z.union([
    z.record(z.string(), z.string().nullable()),
    z.string().transform((text, ctx) => {
        try {
            return z.record(z.string(), z.string().nullable()).parse(JSON.parse(text));
        } catch {
            ctx.addIssue({ code: "custom", message: "not a JSON object of day → hours" });
            return z.NEVER;
        }
    }),
]);

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** The weekday a key names ("Monday", "mon", "Tues", "THU" …), or undefined. */
function weekdayOf(key: string): number | undefined {
    const k = key.trim().toLowerCase();
    if (k.length < 3) return undefined;
    const index = WEEKDAYS.findIndex((day) => day.toLowerCase().startsWith(k));
    return index < 0 ? undefined : index;
}

/** Whether Nexus gave no hours at all (absent, null, an empty string or object). */
export function hoursMissing(raw: unknown): boolean {
    if (raw === undefined || raw === null) return true;
    if (typeof raw === "string") return raw.trim() === "";
    return typeof raw === "object" && Object.keys(raw).length === 0;
}

/**
 * Reads a store's `hours_of_operation`. Every one of the seven days must be given ("Closed" is given); other keys
 * are dated entries when they are dates (holidays) and ignored otherwise. A problem says why the hours cannot be
 * used (the caller falls back to the greeting that names no opening).
 */
export function readWeeklyHours(raw: unknown): WeeklyHours | { problem: string } {
    if (hoursMissing(raw)) return { problem: "the store has no hours of operation in Nexus" };
    const parsed = HoursOfOperation.safeParse(raw);
    if (!parsed.success) return { problem: "the store's hours of operation are not a day → hours object" };
    const openings: WeekOpening[] = [];
    const datedEntries: string[] = [];
    const seen = new Set<number>();
    for (const [key, text] of Object.entries(parsed.data)) {
        if (DATE_KEY.test(key.trim())) {
            datedEntries.push(key.trim());
            continue;
        }
        const day = weekdayOf(key);
        if (day === undefined || text === null || text.trim() === "") continue;
        const hours = readDayHours(text);
        if (!hours) return { problem: `the store's hours for ${WEEKDAYS[day]} cannot be read: '${text}'` };
        seen.add(day);
        for (const h of hours) openings.push({ start: day * DAY_MINUTES + h.open, end: day * DAY_MINUTES + h.close });
    }
    const missing = WEEKDAYS.filter((_, day) => !seen.has(day));
    if (missing.length > 0) return { problem: `the store's hours do not say ${missing.join(", ")}` };
    if (openings.length === 0) return { problem: "the store's hours say it is closed every day" };
    return { openings: openings.sort((a, b) => a.start - b.start), datedEntries: datedEntries.sort() };
}
