/** One scenario's line on the scorecard. */
export interface ScenarioResult {
    scenario: string;
    /** Leads, requests or fault cases tried. */
    attempts: number;
    /** Attempts that ended as the property demands. */
    passed: number;
    /** Leads that never reached their final state (or whose state disagrees with the projection). */
    lost: number;
    /** Vendor records, texts or conversations made more than once. */
    duplicated: number;
    /** Hostile inputs (or leaked secrets) the system accepted. */
    acceptedBad: number;
    seconds: number;
    /** What went wrong, one line per problem (empty when green). */
    problems: string[];
    /** Facts worth printing (seeds, kill moments, counts). */
    notes: string[];
}

export interface Scorecard {
    profile: string;
    startedAt: string;
    results: ScenarioResult[];
}

/** A scenario is green when every attempt passed and nothing was lost, doubled or wrongly accepted. */
export const isGreen = (r: ScenarioResult) =>
    r.lost === 0 && r.duplicated === 0 && r.acceptedBad === 0 && r.passed === r.attempts && r.problems.length === 0;

export const scorecardGreen = (card: Scorecard) => card.results.length > 0 && card.results.every(isGreen);

/** Tracks one scenario's counts while it runs. */
export class Tally {
    attempts = 0;
    passed = 0;
    lost = 0;
    duplicated = 0;
    acceptedBad = 0;
    readonly problems: string[] = [];
    readonly notes: string[] = [];
    private readonly started = Date.now();

    constructor(readonly scenario: string) {}

    /** Counts one attempt: passed when `problem` is undefined, else records it under `kind`. */
    attempt(problem?: string, kind?: "lost" | "duplicated" | "acceptedBad"): void {
        this.attempts += 1;
        if (problem === undefined) {
            this.passed += 1;
            return;
        }
        this.problems.push(problem);
        if (kind) this[kind] += 1;
    }

    problem(problem: string, kind?: "lost" | "duplicated" | "acceptedBad"): void {
        this.problems.push(problem);
        if (kind) this[kind] += 1;
    }

    result(): ScenarioResult {
        return {
            scenario: this.scenario,
            attempts: this.attempts,
            passed: this.passed,
            lost: this.lost,
            duplicated: this.duplicated,
            acceptedBad: this.acceptedBad,
            seconds: Math.round((Date.now() - this.started) / 100) / 10,
            problems: [...this.problems],
            notes: [...this.notes],
        };
    }
}

const COLUMNS = ["scenario", "attempts", "passed", "lost", "duplicated", "accepted bad", "seconds", "result"];

/** The scorecard as a Markdown table (readable in a terminal and pasteable into docs). */
export function formatScorecard(card: Scorecard): string {
    const rows = card.results.map((r) => [
        r.scenario,
        String(r.attempts),
        String(r.passed),
        String(r.lost),
        String(r.duplicated),
        String(r.acceptedBad),
        r.seconds.toFixed(1),
        isGreen(r) ? "PASS" : "FAIL",
    ]);
    const total = card.results.reduce((s, r) => s + r.seconds, 0);
    const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((row) => (row[i] ?? "").length)));
    const line = (cells: string[]) =>
        `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
    return [
        line(COLUMNS),
        `|${widths.map((w, i) => (i === 0 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
        ...rows.map(line),
        "",
        `profile ${card.profile}, started ${card.startedAt}, ${total.toFixed(1)} s of scenarios: ${
            scorecardGreen(card) ? "ALL GREEN" : "FAILED"
        }`,
    ].join("\n");
}
