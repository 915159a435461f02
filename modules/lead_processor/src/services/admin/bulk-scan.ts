import type { AttributeFilter } from "../../db/attribute-filter";
import type { LeadStatesTable } from "../../db/lead-states.table";
import type { Step } from "../../lead/validation";

/** Most DynamoDB pages one call reads, so a selective filter over a huge table still returns promptly. */
export const MAX_PAGES_PER_CALL = 50;

export interface LeadScan {
    items: Record<string, unknown>[];
    /** Set when leads may remain: pass it back as `Cursor` to continue. */
    nextCursor: string | undefined;
}

/**
 * Scans the LeadStates projection page by page (each page one journaled step) until `cap` leads matched,
 * the table ends, or `MAX_PAGES_PER_CALL` pages were read. Never loads the whole table into one response.
 */
export async function scanLeads(
    step: Step,
    table: Pick<LeadStatesTable, "scanPage">,
    request: { filter: AttributeFilter | undefined; idsOnly: boolean; cap: number; cursor: string | undefined },
): Promise<LeadScan> {
    const pageSize = request.idsOnly ? 1000 : 200;
    const items: Record<string, unknown>[] = [];
    let startAfter = request.cursor;
    for (let page = 1; page <= MAX_PAGES_PER_CALL && items.length < request.cap; page++) {
        const limit = Math.min(pageSize, request.cap - items.length);
        const result = await step(`Scan LeadStates (page ${page})`, () =>
            table.scanPage({ filter: request.filter, idsOnly: request.idsOnly, limit, startAfter }),
        );
        items.push(...result.items);
        startAfter = result.nextLeadId;
        if (!startAfter) break;
    }
    return { items, nextCursor: startAfter };
}
