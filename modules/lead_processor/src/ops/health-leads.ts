import { z } from "zod";
import type { LeadStatesTable } from "../db/lead-states.table";
import { EXAMPLES } from "./health-invocations";
import { allPages } from "./scan-pages";

/**
 * What the health figures read of each projection item: a paginated scan of `<PREFIX>_Web2Text_LeadStates`
 * with a projection expression (these attributes only). At this service's scale (tens of thousands of items)
 * a scan every few minutes costs little; a much larger table would want an index on `Status`.
 */
export const HEALTH_LEAD_ATTRIBUTES = ["LeadId", "LeadType", "Status", "DateSubmitted", "Integrations"] as const;
const PAGE = 1_000;

/** An item as far as the figures need it; anything else in it is ignored, an unreadable item is skipped. */
const LeadItem = z.object({
    LeadId: z.string(),
    LeadType: z.string(),
    Status: z.string(),
    DateSubmitted: z.string(),
    Integrations: z
        .record(
            z.string(),
            z.object({
                SyncStatus: z.string(),
                ErrorInfo: z.object({ Message: z.string() }).partial().optional(),
            }),
        )
        .default({}),
});
type LeadItem = z.output<typeof LeadItem>;

/** One vendor's open leads in ERROR, grouped by error message (lead ids: at most {@link EXAMPLES} per error). */
export const VendorErrors = z.object({
    vendor: z.string(),
    leads: z.number(),
    errors: z.array(z.object({ message: z.string(), leads: z.number(), leadIds: z.array(z.string()) })),
});
export type VendorErrors = z.output<typeof VendorErrors>;

export const LeadFigures = z.object({
    /** Leads read (every status). */
    scanned: z.number(),
    /** Items that did not parse as a lead (counted, not otherwise used). */
    unreadable: z.number(),
    /** Open (ACTIVE or SYNCING) leads with at least one integration in ERROR, by vendor. */
    integrationErrors: z.array(VendorErrors),
    /** Open WEB2TEXT leads submitted longer ago than the closed timer plus one reconcile interval. */
    activePastClosedTimer: z.object({ count: z.number(), leadIds: z.array(z.string()) }),
});
export type LeadFigures = z.output<typeof LeadFigures>;

const isOpen = (lead: LeadItem) => lead.Status !== "CLOSED";

/** The figures from the items of a scan, at `now`; `overdueAfterMs` is closed timer + reconcile interval. */
export function leadFigures(items: readonly unknown[], now: Date, overdueAfterMs: number): LeadFigures {
    const leads = items.flatMap((item) => {
        const parsed = LeadItem.safeParse(item);
        return parsed.success ? [parsed.data] : [];
    });
    const errors = new Map<string, Map<string, string[]>>();
    for (const lead of leads.filter(isOpen)) {
        for (const [vendor, state] of Object.entries(lead.Integrations)) {
            if (state.SyncStatus !== "ERROR") continue;
            const byMessage = errors.get(vendor) ?? new Map<string, string[]>();
            const message = state.ErrorInfo?.Message ?? "(no message)";
            byMessage.set(message, [...(byMessage.get(message) ?? []), lead.LeadId]);
            errors.set(vendor, byMessage);
        }
    }
    const overdue = leads
        .filter((lead) => isOpen(lead) && lead.LeadType === "WEB2TEXT")
        .filter((lead) => now.getTime() - Date.parse(lead.DateSubmitted) > overdueAfterMs)
        .map((lead) => lead.LeadId);
    return {
        scanned: items.length,
        unreadable: items.length - leads.length,
        integrationErrors: [...errors.entries()]
            .map(([vendor, byMessage]) => ({
                vendor,
                leads: [...byMessage.values()].reduce((sum, ids) => sum + ids.length, 0),
                errors: [...byMessage.entries()]
                    .map(([message, ids]) => ({ message, leads: ids.length, leadIds: ids.slice(0, EXAMPLES) }))
                    .sort((a, b) => b.leads - a.leads || a.message.localeCompare(b.message)),
            }))
            .sort((a, b) => a.vendor.localeCompare(b.vendor)),
        activePastClosedTimer: { count: overdue.length, leadIds: overdue.slice(0, EXAMPLES) },
    };
}

/** Scans the whole projection, page by page, with only {@link HEALTH_LEAD_ATTRIBUTES}. */
export function scanLeadsForHealth(table: Pick<LeadStatesTable, "scanPage">): Promise<unknown[]> {
    return allPages(async (startAfter) => {
        const page = await table.scanPage({
            idsOnly: false,
            attributes: HEALTH_LEAD_ATTRIBUTES,
            limit: PAGE,
            startAfter,
        });
        return { items: page.items, next: page.nextLeadId };
    });
}
