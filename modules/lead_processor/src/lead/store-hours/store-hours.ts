import { z } from "zod";
import { storeTimeZone } from "./store-zone";
import { readWeeklyHours, WeekOpening } from "./weekly-hours";

/**
 * A store's hours as a lead keeps them (parsed once, at its create): its week in its own time zone, or why
 * they are not known (no hours, unreadable hours, no coordinates) so the greeting names no opening.
 */
export const StoreHours = z.discriminatedUnion("known", [
    z.object({
        known: z.literal(true),
        timeZone: z.string().min(1),
        openings: z.array(WeekOpening).min(1),
        datedEntries: z.array(z.string()),
    }),
    z.object({ known: z.literal(false), reason: z.string() }),
]);
export type StoreHours = z.output<typeof StoreHours>;

/** What a store's hours are read from: its `hours_of_operation` and its coordinates, as Nexus has them. */
export interface StoreHoursSource {
    hours_of_operation?: unknown;
    latitude?: number | null | undefined;
    longitude?: number | null | undefined;
}

/** The store's hours in its zone, or why they are unknown. */
export function storeHoursOf(store: StoreHoursSource): StoreHours {
    const week = readWeeklyHours(store.hours_of_operation);
    if ("problem" in week) return { known: false, reason: week.problem };
    const timeZone = storeTimeZone(store.latitude, store.longitude);
    if (!timeZone) return { known: false, reason: "the store has no usable coordinates in Nexus for its time zone" };
    return { known: true, timeZone, ...week };
}
