import { type LatencySummary, round } from "./stats";

/** The processes a row reports CPU for, in table order (`bench` is the load generator itself). */
export const CPU_COLUMNS = ["leadProcessor", "restate", "dynamo", "sandbox", "proxy", "bench"] as const;

/** One row of the results: a scenario at one concurrency. */
export interface ScenarioRow {
    scenario: string;
    concurrency: number | null;
    /** Leads (or calls, messages) measured. */
    n: number;
    status: "ok" | "failed" | "skipped";
    /** Why it failed or was skipped, or a remark. */
    note?: string;
    /** Create (or call) latency through ingress, ms. */
    latencyMs?: LatencySummary;
    /** Creates (calls, sends) per second while the load ran. */
    perSecond?: number;
    /** From the first create to every lead showing all integrations SYNCED (or the scenario's own end), s. */
    e2eSeconds?: number;
    /** n ÷ e2eSeconds. */
    e2ePerSecond?: number;
    /** perSecond and e2ePerSecond ÷ the floor's calls per second at the same concurrency. */
    ratioToFloor?: { create?: number; e2e?: number };
    /** CPU milliseconds per lead (call, message) of each process, from the first create until Restate was idle. */
    cpuMsPerLead?: Partial<Record<(typeof CPU_COLUMNS)[number], number>>;
    /** Peak RSS during the scenario, MB. */
    peakRssMb?: { leadProcessor?: number; restate?: number };
    errors?: number;
    extra?: Record<string, unknown>;
}

const fmt = (value: number | null | undefined, digits = 1): string => {
    const r = value === undefined || value === null ? null : round(value, digits);
    return r === null ? "–" : r.toFixed(digits);
};

/** Columns of the printed table: header and how a row shows in it. */
const COLUMNS: { header: string; cell: (row: ScenarioRow) => string }[] = [
    { header: "scenario", cell: (r) => r.scenario },
    { header: "c", cell: (r) => (r.concurrency === null ? "–" : String(r.concurrency)) },
    { header: "N", cell: (r) => String(r.n) },
    { header: "p50 ms", cell: (r) => fmt(r.latencyMs?.p50) },
    { header: "p90 ms", cell: (r) => fmt(r.latencyMs?.p90) },
    { header: "p99 ms", cell: (r) => fmt(r.latencyMs?.p99) },
    { header: "creates/s", cell: (r) => fmt(r.perSecond) },
    { header: "e2e/s", cell: (r) => fmt(r.e2ePerSecond) },
    {
        header: "×floor c/e2e",
        cell: (r) => (r.ratioToFloor ? `${fmt(r.ratioToFloor.create, 2)}/${fmt(r.ratioToFloor.e2e, 2)}` : "–"),
    },
    { header: "CPU ms/lead LP", cell: (r) => fmt(r.cpuMsPerLead?.leadProcessor) },
    { header: "restate", cell: (r) => fmt(r.cpuMsPerLead?.restate) },
    { header: "dynamo", cell: (r) => fmt(r.cpuMsPerLead?.dynamo) },
    { header: "sandbox", cell: (r) => fmt(r.cpuMsPerLead?.sandbox) },
    { header: "proxy", cell: (r) => fmt(r.cpuMsPerLead?.proxy) },
    { header: "bench", cell: (r) => fmt(r.cpuMsPerLead?.bench) },
    { header: "RSS LP MB", cell: (r) => fmt(r.peakRssMb?.leadProcessor, 0) },
    { header: "RSS restate MB", cell: (r) => fmt(r.peakRssMb?.restate, 0) },
];

/** The rows as an aligned text table (failed and skipped rows show their reason under the table). */
export function formatTable(rows: readonly ScenarioRow[]): string {
    const cells = rows.map((row) => COLUMNS.map((c) => c.cell(row)));
    const widths = COLUMNS.map((c, i) => Math.max(c.header.length, ...cells.map((line) => line[i]?.length ?? 0)));
    const line = (values: string[]) =>
        values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join("  ");
    const out = [line(COLUMNS.map((c) => c.header)), widths.map((w) => "-".repeat(w)).join("  ")];
    rows.forEach((row, i) => {
        out.push(line(cells[i] ?? []) + (row.status === "ok" ? "" : `  [${row.status.toUpperCase()}]`));
    });
    const notes = rows.filter((r) => r.note).map((r) => `  ${r.scenario} c=${r.concurrency ?? "–"}: ${r.note}`);
    if (notes.length > 0) out.push("", "notes:", ...notes);
    return out.join("\n");
}

/** The same table in Markdown (for the README). */
export function formatMarkdownTable(rows: readonly ScenarioRow[]): string {
    const head = `| ${COLUMNS.map((c) => c.header).join(" | ")} |`;
    const rule = `| ${COLUMNS.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`;
    const body = rows.map((row) => {
        const values = COLUMNS.map((c) => c.cell(row));
        if (row.status !== "ok") values[0] = `${values[0]} (${row.status})`;
        return `| ${values.join(" | ")} |`;
    });
    return [head, rule, ...body].join("\n");
}

/** A target of the issue and whether this run met it. */
export interface TargetCheck {
    target: string;
    actual: string;
    met: boolean | null;
}

export function formatTargets(checks: readonly TargetCheck[]): string {
    return checks
        .map((c) => `  [${c.met === null ? "n/a" : c.met ? "met" : "MISSED"}] ${c.target} — ${c.actual}`)
        .join("\n");
}

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDay(date: Date): string {
    return date.toISOString().slice(0, 10);
}

/** Replaces non-finite numbers by null, recursively, so the JSON stays valid and readable. */
export function jsonSafe(value: unknown): unknown {
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (Array.isArray(value)) return value.map(jsonSafe);
    if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), jsonSafe(v)]));
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
    }
    return value;
}
