/**
 * A record a vendor that documents no idempotency (RLM, DealerHQ, ActOn, FloorForce) got twice because it
 * processed a write whose answer the product never got: every POST carried the same Idempotency-Key, and a
 * kill, a restart or a client timeout lies between them. At-least-once by the vendor's own documentation, so
 * it is counted and shown, not failed.
 */
export interface VendorRepeat {
    leadId: string;
    vendor: string;
    /** What was written more than once, e.g. "RLM lead". */
    what: string;
    /** How many there are (2 for one repeat). */
    times: number;
    /** The kind of fault that lost the answer, e.g. "kill -9 of the lead processor". */
    cause: string;
    /** The evidence: when the POSTs came and the fault between them. */
    why: string;
}

/** One scenario's line on the scorecard. */
export interface ScenarioResult {
    scenario: string;
    /** Leads, requests or fault cases tried. */
    attempts: number;
    /** Attempts that ended as the property demands. */
    passed: number;
    /** Of the attempts, leads whose records were counted (what vendor repeats are a share of). */
    leads: number;
    /** Leads that never reached their final state (or whose state disagrees with the projection). */
    lost: number;
    /**
     * Leads with something made more than once that the product controls (a conversation, a greeting, a text,
     * a close notice), or a vendor record repeated without a kill, restart or timeout between its POSTs.
     */
    duplicated: number;
    /** Vendor repeats (at-least-once where the vendor documents no idempotency): one per record, never failing. */
    vendorRepeats: VendorRepeat[];
    /** Hostile inputs (or leaked secrets) the system accepted. */
    acceptedBad: number;
    seconds: number;
    /** What went wrong, one line per problem (empty when green). */
    problems: string[];
    /** Facts worth printing (seeds, kill moments, counts). */
    notes: string[];
    /** The scenario's measured figures, printed under the scorecard (e.g. the longest gap in successful creates). */
    figures?: string[];
}

export interface Scorecard {
    profile: string;
    startedAt: string;
    results: ScenarioResult[];
}

/**
 * A scenario is green when every attempt passed and nothing was lost, doubled or wrongly accepted. Vendor
 * repeats do not count against it (they are at-least-once by the vendors' documentation); a vendor repeat
 * without a fault to explain it is counted as duplicated instead.
 */
export const isGreen = (r: ScenarioResult) =>
    r.lost === 0 && r.duplicated === 0 && r.acceptedBad === 0 && r.passed === r.attempts && r.problems.length === 0;

export const scorecardGreen = (card: Scorecard) => card.results.length > 0 && card.results.every(isGreen);

/** The columns a problem is counted in (none: it only fails the scenario). */
export type ProblemKind = "lost" | "duplicated" | "acceptedBad";

/** Tracks one scenario's counts while it runs. */
export class Tally {
    attempts = 0;
    passed = 0;
    leads = 0;
    lost = 0;
    duplicated = 0;
    acceptedBad = 0;
    readonly vendorRepeats: VendorRepeat[] = [];
    readonly problems: string[] = [];
    readonly notes: string[] = [];
    readonly figures: string[] = [];
    private readonly started = Date.now();

    constructor(readonly scenario: string) {}

    /** Counts one attempt: passed when `problem` is undefined, else records it under `kind` (each, for a list). */
    attempt(problem?: string, kind?: ProblemKind | ProblemKind[]): void {
        this.attempts += 1;
        if (problem === undefined) {
            this.passed += 1;
            return;
        }
        this.problem(problem, kind);
    }

    problem(problem: string, kind?: ProblemKind | ProblemKind[]): void {
        this.problems.push(problem);
        for (const k of new Set(kind === undefined ? [] : [kind].flat())) this[k] += 1;
    }

    vendorRepeat(repeat: VendorRepeat): void {
        this.vendorRepeats.push(repeat);
    }

    result(): ScenarioResult {
        return {
            scenario: this.scenario,
            attempts: this.attempts,
            passed: this.passed,
            leads: this.leads,
            lost: this.lost,
            duplicated: this.duplicated,
            vendorRepeats: [...this.vendorRepeats],
            acceptedBad: this.acceptedBad,
            seconds: Math.round((Date.now() - this.started) / 100) / 10,
            problems: [...this.problems],
            notes: [...this.notes],
            ...(this.figures.length ? { figures: [...this.figures] } : {}),
        };
    }
}

const COLUMNS = [
    "scenario",
    "attempts",
    "passed",
    "lost",
    "duplicated",
    "vendor repeats",
    "accepted bad",
    "seconds",
    "result",
];

/** Leads of the scenario with at least one vendor repeat. */
export const vendorRepeatLeads = (r: ScenarioResult) => new Set(r.vendorRepeats.map((v) => v.leadId)).size;

/** "2 of 300 leads: RLM lead 2× ×1, ActOn write 2× ×1 (after kill -9 of the lead processor)", or undefined. */
export function vendorRepeatSummary(r: ScenarioResult): string | undefined {
    if (r.vendorRepeats.length === 0) return undefined;
    const kinds = new Map<string, number>();
    for (const v of r.vendorRepeats) {
        const kind = `${v.what} ${v.times}×`;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const causes = [...new Set(r.vendorRepeats.map((v) => v.cause))].join("; ");
    const what = [...kinds].map(([kind, n]) => (n === 1 ? kind : `${kind} (${n} leads)`)).join(", ");
    return `${vendorRepeatLeads(r)} of ${r.leads} leads: ${what} — after ${causes}`;
}

/** The scorecard as a Markdown table (readable in a terminal and pasteable into docs), then the vendor repeats. */
export function formatScorecard(card: Scorecard): string {
    const rows = card.results.map((r) => [
        r.scenario,
        String(r.attempts),
        String(r.passed),
        String(r.lost),
        String(r.duplicated),
        String(vendorRepeatLeads(r)),
        String(r.acceptedBad),
        r.seconds.toFixed(1),
        isGreen(r) ? "PASS" : "FAIL",
    ]);
    const total = card.results.reduce((s, r) => s + r.seconds, 0);
    const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((row) => (row[i] ?? "").length)));
    const line = (cells: string[]) =>
        `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
    const repeats = card.results.flatMap((r) => {
        const summary = vendorRepeatSummary(r);
        return summary ? [`- ${r.scenario}: ${summary}`] : [];
    });
    const figures = card.results.flatMap((r) => (r.figures ?? []).map((f) => `- ${r.scenario}: ${f}`));
    return [
        line(COLUMNS),
        `|${widths.map((w, i) => (i === 0 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
        ...rows.map(line),
        "",
        ...(repeats.length
            ? [
                  "Vendor repeats (a vendor without idempotency processed a write whose answer was lost; at-least-once, not a failure):",
                  ...repeats,
                  "",
              ]
            : []),
        ...(figures.length ? ["Measured:", ...figures, ""] : []),
        `profile ${card.profile}, started ${card.startedAt}, ${total.toFixed(1)} s of scenarios: ${
            scorecardGreen(card) ? "ALL GREEN" : "FAILED"
        }`,
    ].join("\n");
}
