import { z } from "zod";
import type { OptedOutNumbersTable } from "../db/opted-out-numbers.table";
import { allPages } from "./scan-pages";

const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE = 1_000;

const Item = z.object({ OptedOutNumbers: z.record(z.string(), z.object({ DateOptedOut: z.string() })) });

/**
 * Opt-outs recorded in the 24 hours before `now`: each (sender, one of our numbers) pair counts once, by its
 * `DateOptedOut`. Unreadable items are skipped.
 */
export function optOutsLastDay(items: readonly unknown[], now: Date): number {
    const since = now.getTime() - DAY_MS;
    return items.reduce<number>((total, item) => {
        const parsed = Item.safeParse(item);
        if (!parsed.success) return total;
        const dates = Object.values(parsed.data.OptedOutNumbers).map((o) => Date.parse(o.DateOptedOut));
        return total + dates.filter((at) => at >= since && at <= now.getTime()).length;
    }, 0);
}

/** Scans `<PREFIX>_Web2Text_OptedOutNumbers` (a small table: one item per sender who ever texted STOP). */
export function scanOptOutsForHealth(table: Pick<OptedOutNumbersTable, "scanOptOuts">): Promise<unknown[]> {
    return allPages((startAfter) => table.scanOptOuts(PAGE, startAfter));
}
