import type { ScenarioRow, TargetCheck } from "./report";
import type { LeadProfile } from "./scenarios/profile";

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

/** Lead processor RSS growth allowed between a third into the soak to its end, to call it flat. */
export const FLAT_TOLERANCE = 0.1;

/** Issue 15's targets (full profile, same machine, same run as its floor). */
export const TARGETS = {
    acton: { roundTrips: 6, dynamoCalls: 2, cpuMs: 15, e2ePerSecond: 90, e2eToFloor: 0.25, createP99Ms: 100 },
    web2text: { roundTrips: 25, dynamoCalls: 5, nexusCalls: 2, cpuMs: 60, e2ePerSecond: 30 },
    leadProcessorRssMb: { createBursts: 150, bulkSync: 300 },
} as const;

/** The processes whose CPU counts for an ACTON lead: the service, restate-server and the DynamoDB stand-in. */
const ACTON_CPU = ["leadProcessor", "restate", "dynamo"] as const;
/** Every process of the stack (the load generator is not one of them). */
const ALL_CPU = ["leadProcessor", "restate", "dynamo", "sandbox", "proxy"] as const;

function cpuOf(row: ScenarioRow, processes: readonly (keyof NonNullable<ScenarioRow["cpuMsPerLead"]>)[]): number {
    return processes.reduce((sum, p) => sum + (row.cpuMsPerLead?.[p] ?? 0), 0);
}

/** Nexus calls in a lead's sandbox records (the old Nexus API and Nexus on AWS; Cognito tokens not counted). */
export function nexusCalls(vendorCalls: Record<string, number>): number {
    return (vendorCalls.nexus ?? 0) + (vendorCalls["nexus-aws"] ?? 0);
}

type Profile = Pick<LeadProfile, "kind" | "roundTrips" | "dynamoCalls" | "vendorCalls">;

/** Round trips, DynamoDB and (WEB2TEXT) Nexus calls of one lead alone, against their limits. */
function profileChecks(profiles: readonly Profile[]): TargetCheck[] {
    const acton = profiles.find((p) => p.kind === "ACTON");
    const w2t = profiles.find((p) => p.kind === "WEB2TEXT");
    const a = TARGETS.acton;
    const w = TARGETS.web2text;
    return [
        {
            target: `ACTON journal round trips ≤ ${a.roundTrips} / DynamoDB calls ≤ ${a.dynamoCalls} per lead`,
            actual: acton ? `${acton.roundTrips} / ${acton.dynamoCalls}` : "not measured",
            met: acton ? acton.roundTrips <= a.roundTrips && acton.dynamoCalls <= a.dynamoCalls : null,
        },
        {
            target: `WEB2TEXT journal round trips ≤ ${w.roundTrips} / DynamoDB calls ≤ ${w.dynamoCalls} / Nexus calls ≤ ${w.nexusCalls} per lead`,
            actual: w2t ? `${w2t.roundTrips} / ${w2t.dynamoCalls} / ${nexusCalls(w2t.vendorCalls)}` : "not measured",
            met: w2t
                ? w2t.roundTrips <= w.roundTrips &&
                  w2t.dynamoCalls <= w.dynamoCalls &&
                  nexusCalls(w2t.vendorCalls) <= w.nexusCalls
                : null,
        },
    ];
}

/** CPU per lead at c=32: ACTON in the service, restate-server and dynalite; WEB2TEXT in all five processes. */
function cpuChecks(rows: readonly ScenarioRow[]): TargetCheck[] {
    const acton = rowAt(rows, "acton", 32);
    const w2t = rowAt(rows, "web2text", 32);
    return [
        {
            target: `ACTON CPU ≤ ${TARGETS.acton.cpuMs} ms per lead (lead processor + restate-server + dynalite) at c=32`,
            actual: acton?.cpuMsPerLead ? `${num(cpuOf(acton, ACTON_CPU))} ms ${at(acton)}` : "not measured",
            met: acton?.cpuMsPerLead ? cpuOf(acton, ACTON_CPU) <= TARGETS.acton.cpuMs : null,
        },
        {
            target: `WEB2TEXT CPU ≤ ${TARGETS.web2text.cpuMs} ms per lead (all five processes) at c=32`,
            actual: w2t?.cpuMsPerLead ? `${num(cpuOf(w2t, ALL_CPU))} ms ${at(w2t)}` : "not measured",
            met: w2t?.cpuMsPerLead ? cpuOf(w2t, ALL_CPU) <= TARGETS.web2text.cpuMs : null,
        },
    ];
}

/** End to end rates at c=32 and the create p99 at c=8. */
function speedChecks(rows: readonly ScenarioRow[]): TargetCheck[] {
    const a = TARGETS.acton;
    const acton32 = rowAt(rows, "acton", 32);
    const acton8 = rowAtLowest(rows, "acton", 8);
    const w2t = rowAt(rows, "web2text", 32);
    const e2e = acton32?.e2ePerSecond;
    const toFloor = acton32?.ratioToFloor?.e2e;
    return [
        {
            target: `ACTON end to end ≥ ${a.e2ePerSecond} leads/s and ≥ ${a.e2eToFloor} × floor at c=32`,
            actual: acton32 ? `${num(e2e)} leads/s, ${num(toFloor, 2)} × floor ${at(acton32)}` : "not measured",
            met: e2e === undefined ? null : e2e >= a.e2ePerSecond && toFloor !== undefined && toFloor >= a.e2eToFloor,
        },
        {
            target: `ACTON create p99 ≤ ${a.createP99Ms} ms at c=8`,
            actual: acton8?.latencyMs ? `p99 ${num(acton8.latencyMs.p99)} ms ${at(acton8)}` : "not measured",
            met: acton8?.latencyMs ? acton8.latencyMs.p99 <= a.createP99Ms : null,
        },
        {
            target: `WEB2TEXT end to end ≥ ${TARGETS.web2text.e2ePerSecond} leads/s at c=32`,
            actual: w2t ? `${num(w2t.e2ePerSecond)} leads/s ${at(w2t)}` : "not measured",
            met: w2t?.e2ePerSecond === undefined ? null : w2t.e2ePerSecond >= TARGETS.web2text.e2ePerSecond,
        },
    ];
}

/** The lead processor's peak RSS under the create scenarios (creates, storm, soak) and under the bulk SYNC. */
function memoryChecks(rows: readonly ScenarioRow[]): TargetCheck[] {
    const peakOf = (pick: (r: ScenarioRow) => boolean) => {
        const values = rows
            .filter((r) => r.scenario !== "acton-defaults" && pick(r))
            .flatMap((r) => (r.peakRssMb?.leadProcessor ? [r.peakRssMb.leadProcessor] : []));
        return values.length > 0 ? Math.max(...values) : undefined;
    };
    const creates = peakOf((r) => !r.scenario.startsWith("bulk") && r.scenario !== "floor");
    const bulk = peakOf((r) => r.scenario === "bulk SYNC");
    const { createBursts, bulkSync } = TARGETS.leadProcessorRssMb;
    return [
        {
            target: `lead processor peak RSS ≤ ${createBursts} MB under create bursts (create, storm and soak scenarios)`,
            actual: creates === undefined ? "not measured" : `${num(creates, 0)} MB`,
            met: creates === undefined ? null : creates <= createBursts,
        },
        {
            target: `lead processor peak RSS ≤ ${bulkSync} MB under the 10,000-lead bulk SYNC`,
            actual: bulk === undefined ? "not measured" : `${num(bulk, 0)} MB`,
            met: bulk === undefined ? null : bulk <= bulkSync,
        },
    ];
}

/** Flat memory over the soak and exactly-once copies in the webhook storm (guarantees kept from issue 8). */
function guaranteeChecks(rows: readonly ScenarioRow[]): TargetCheck[] {
    const soak = rows.find((r) => r.scenario === "soak acton");
    const extra = soak?.extra as
        | { rssAfterMb?: number; growthFromThirdMb?: number; target?: number; leadsAfter?: number }
        | undefined;
    const after = extra?.rssAfterMb;
    const growth = extra?.growthFromThirdMb;
    const third = after !== undefined && growth !== undefined ? after - growth : undefined;
    const measured = soak?.status === "ok" && third !== undefined && growth !== undefined;
    const storm = rows.find((r) => r.scenario === "storm");
    const stormExtra = storm?.extra as
        | {
              exactlyOnce?: boolean;
              rlm?: { missing: number; duplicated: number };
              dhq?: { missing: number; duplicated: number };
          }
        | undefined;
    return [
        {
            target: `lead processor RSS flat after ${extra?.target ?? 3000} leads (≤ ${FLAT_TOLERANCE * 100}% growth from a third into the soak to its end)`,
            actual:
                measured && growth !== undefined
                    ? `${num(third, 0)} → ${num(after, 0)} MB (${growth >= 0 ? "+" : ""}${num(growth, 0)} MB) after ${extra?.leadsAfter ?? "?"} leads`
                    : "not measured",
            met: measured && third !== undefined && growth !== undefined ? growth <= third * FLAT_TOLERANCE : null,
        },
        {
            target: "every webhook-storm message copied to RLM and DHQ exactly once",
            actual:
                stormExtra?.rlm && stormExtra.dhq
                    ? `${storm?.n} messages: RLM ${stormExtra.rlm.missing} missing, ${stormExtra.rlm.duplicated} duplicated; DHQ ${stormExtra.dhq.missing} missing, ${stormExtra.dhq.duplicated} duplicated${storm?.status === "ok" ? "" : ` (${storm?.note})`}`
                    : storm
                      ? (storm.note ?? storm.status)
                      : "not measured",
            met: stormExtra?.exactlyOnce === undefined ? null : stormExtra.exactlyOnce,
        },
    ];
}

/** Issue 15's targets for this machine, checked against a run's rows and its per-lead profiles. */
export function checkTargets(rows: readonly ScenarioRow[], profiles: readonly Profile[] = []): TargetCheck[] {
    return [
        ...profileChecks(profiles),
        ...cpuChecks(rows),
        ...speedChecks(rows),
        ...memoryChecks(rows),
        ...guaranteeChecks(rows),
    ];
}
