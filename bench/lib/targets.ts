import type { ScenarioRow, TargetCheck } from "./report";

/** The rows of a scenario; the one at `concurrency` if present, else the one with the highest concurrency. */
function rowAt(rows: readonly ScenarioRow[], scenario: string, concurrency: number): ScenarioRow | undefined {
    const of = rows.filter((r) => r.scenario === scenario && r.status === "ok");
    return (
        of.find((r) => r.concurrency === concurrency) ??
        of.sort((a, b) => (b.concurrency ?? 0) - (a.concurrency ?? 0))[0]
    );
}

function rowAtLowest(rows: readonly ScenarioRow[], scenario: string, concurrency: number): ScenarioRow | undefined {
    const of = rows.filter((r) => r.scenario === scenario && r.status === "ok");
    return (
        of.find((r) => r.concurrency === concurrency) ??
        of.sort((a, b) => (a.concurrency ?? 0) - (b.concurrency ?? 0))[0]
    );
}

const num = (v: number | undefined, digits = 1) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits));
const at = (row: ScenarioRow) => `at c=${row.concurrency}`;

/** Lead processor RSS growth allowed between a third into the soak and its end, to call it flat. */
export const FLAT_TOLERANCE = 0.1;

/** The issue's targets for this machine, checked against a run's rows. */
export function checkTargets(rows: readonly ScenarioRow[], peakLeadProcessorRssMb: number | undefined): TargetCheck[] {
    const checks: TargetCheck[] = [];
    const acton32 = rowAt(rows, "acton", 32);
    checks.push({
        target: "ACTON end to end ≥ 75 leads/s at concurrency 32",
        actual: acton32 ? `${num(acton32.e2ePerSecond)} leads/s ${at(acton32)}` : "not measured",
        met: acton32?.e2ePerSecond === undefined ? null : acton32.e2ePerSecond >= 75,
    });
    const acton8 = rowAtLowest(rows, "acton", 8);
    checks.push({
        target: "ACTON create p99 ≤ 100 ms at concurrency 8",
        actual: acton8?.latencyMs ? `p99 ${num(acton8.latencyMs.p99)} ms ${at(acton8)}` : "not measured",
        met: acton8?.latencyMs ? acton8.latencyMs.p99 <= 100 : null,
    });
    const actonRows = rows.filter((r) => r.scenario === "acton" && r.status === "ok" && r.cpuMsPerLead);
    if (actonRows.length > 0) {
        const totals = actonRows.map((r) => {
            const c = r.cpuMsPerLead ?? {};
            return { row: r, total: (c.leadProcessor ?? 0) + (c.restate ?? 0) + (c.dynamo ?? 0) };
        });
        checks.push({
            target: "total CPU (lead processor + restate-server + dynalite) ≤ 20 ms per ACTON lead",
            actual: totals.map((t) => `${num(t.total)} ms ${at(t.row)}`).join(", "),
            met: totals.every((t) => t.total <= 20),
        });
    } else {
        checks.push({ target: "total CPU ≤ 20 ms per ACTON lead", actual: "not measured", met: null });
    }
    const w2t = rowAt(rows, "web2text", 32);
    checks.push({
        target: "WEB2TEXT end to end ≥ 30 leads/s",
        actual: w2t ? `${num(w2t.e2ePerSecond)} leads/s ${at(w2t)}` : "not measured",
        met: w2t?.e2ePerSecond === undefined ? null : w2t.e2ePerSecond >= 30,
    });
    const peakOf = (pick: (r: ScenarioRow) => boolean) => {
        const values = rows
            .filter(pick)
            .flatMap((r) => (r.peakRssMb?.leadProcessor ? [r.peakRssMb.leadProcessor] : []));
        return values.length > 0 ? Math.max(...values) : undefined;
    };
    const underCreates = peakOf((r) => !r.scenario.startsWith("bulk"));
    const underBulk = peakOf((r) => r.scenario.startsWith("bulk"));
    checks.push({
        target: "lead processor RSS ≤ 150 MB",
        actual:
            peakLeadProcessorRssMb === undefined
                ? "not measured"
                : `peak ${num(peakLeadProcessorRssMb, 0)} MB over the run; ${num(underCreates, 0)} MB under the create, storm and soak scenarios, ${num(underBulk, 0)} MB under the bulk SYNC fan-out`,
        met: peakLeadProcessorRssMb === undefined ? null : peakLeadProcessorRssMb <= 150,
    });
    const soak = rows.find((r) => r.scenario === "soak acton");
    const extra = soak?.extra as
        | { rssAfterMb?: number; growthFromThirdMb?: number; target?: number; leadsAfter?: number }
        | undefined;
    const after = extra?.rssAfterMb;
    const growth = extra?.growthFromThirdMb;
    const third = after !== undefined && growth !== undefined ? after - growth : undefined;
    checks.push({
        target: `lead processor RSS flat after ${extra?.target ?? 3000} leads (≤ ${FLAT_TOLERANCE * 100}% growth from a third into the soak to its end)`,
        actual:
            soak?.status === "ok" && third !== undefined && growth !== undefined
                ? `${num(third, 0)} → ${num(after, 0)} MB (${growth >= 0 ? "+" : ""}${num(growth, 0)} MB) after ${extra?.leadsAfter ?? "?"} leads`
                : "not measured",
        met:
            soak?.status === "ok" && third !== undefined && growth !== undefined
                ? growth <= third * FLAT_TOLERANCE
                : null,
    });
    const storm = rows.find((r) => r.scenario === "storm");
    const stormExtra = storm?.extra as
        | {
              exactlyOnce?: boolean;
              rlm?: { missing: number; duplicated: number };
              dhq?: { missing: number; duplicated: number };
          }
        | undefined;
    checks.push({
        target: "every webhook-storm message copied to RLM and DHQ exactly once",
        actual:
            stormExtra?.rlm && stormExtra.dhq
                ? `${storm?.n} messages: RLM ${stormExtra.rlm.missing} missing, ${stormExtra.rlm.duplicated} duplicated; DHQ ${stormExtra.dhq.missing} missing, ${stormExtra.dhq.duplicated} duplicated${storm?.status === "ok" ? "" : ` (${storm?.note})`}`
                : storm
                  ? (storm.note ?? storm.status)
                  : "not measured",
        met: stormExtra?.exactlyOnce === undefined ? null : stormExtra.exactlyOnce,
    });
    return checks;
}
