/** Restate's admin SQL (`POST /query` on the admin port, JSON rows), each row checked with a zod schema. */
import { z } from "zod";

const Rows = z.object({ rows: z.array(z.record(z.string(), z.unknown())) });

/** Runs `sql` on the admin API at `adminUrl` and parses each row with `row`; a non-2xx answer throws. */
export async function restateRows<T>(adminUrl: string, sql: string, row: z.ZodType<T>): Promise<T[]> {
    const res = await fetch(`${adminUrl}/query`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ query: sql }),
        signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Restate admin query: HTTP ${res.status} ${text.slice(0, 300)}`);
    return z.array(row).parse(Rows.parse(JSON.parse(text)).rows);
}

/** A SQL string literal. */
export const sqlString = (value: string) => `'${value.replaceAll("'", "''")}'`;
