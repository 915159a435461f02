/** Reads every page of a paginated scan: `page(startAfter)` returns its items and where the next page starts. */
export async function allPages(
    page: (startAfter: string | undefined) => Promise<{ items: unknown[]; next: string | undefined }>,
): Promise<unknown[]> {
    const items: unknown[] = [];
    let startAfter: string | undefined;
    do {
        const out = await page(startAfter);
        items.push(...out.items);
        startAfter = out.next;
    } while (startAfter);
    return items;
}
