import { describe, expect, it } from "vitest";
import { formatScorecard, isGreen, type ScenarioResult, Tally, vendorRepeatSummary } from "./scorecard";

const result = (over: Partial<ScenarioResult>): ScenarioResult => ({
    scenario: "crash lead processor (kill -9)",
    attempts: 30,
    passed: 30,
    leads: 30,
    lost: 0,
    duplicated: 0,
    vendorRepeats: [],
    acceptedBad: 0,
    seconds: 12.34,
    problems: [],
    notes: [],
    ...over,
});
const repeat = (leadId: string, what: string) => ({
    leadId,
    vendor: what.split(" ")[0] ?? "",
    what,
    times: 2,
    cause: "kill -9 of the lead processor",
    why: "…",
});

describe("the scorecard", () => {
    it("counts vendor repeats per lead in their own column without failing the scenario", () => {
        const r = result({
            vendorRepeats: [repeat("a", "RLM lead"), repeat("a", "DHQ lead"), repeat("b", "RLM lead")],
        });
        expect(isGreen(r)).toBe(true);
        expect(vendorRepeatSummary(r)).toBe(
            "2 of 30 leads: RLM lead 2× (2 leads), DHQ lead 2× — after kill -9 of the lead processor",
        );
        const text = formatScorecard({ profile: "short", startedAt: "2026-12-03T10:00:00.000Z", results: [r] });
        expect(text.split("\n").slice(0, 3)).toEqual([
            "| scenario                       | attempts | passed | lost | duplicated | vendor repeats | accepted bad | seconds | result |",
            "|--------------------------------|---------:|-------:|-----:|-----------:|---------------:|-------------:|--------:|-------:|",
            "| crash lead processor (kill -9) |       30 |     30 |    0 |          0 |              2 |            0 |    12.3 |   PASS |",
        ]);
        expect(text).toContain(
            "- crash lead processor (kill -9): 2 of 30 leads: RLM lead 2× (2 leads), DHQ lead 2× — after kill -9 of the lead processor",
        );
        expect(text).toMatch(/ALL GREEN$/);
    });

    it("fails on a duplicate, a lost lead or a problem", () => {
        expect(isGreen(result({ duplicated: 1, passed: 29 }))).toBe(false);
        expect(isGreen(result({ lost: 1, passed: 29 }))).toBe(false);
        expect(isGreen(result({ problems: ["0 of 3 kills interrupted an invocation in flight"] }))).toBe(false);
        const text = formatScorecard({
            profile: "short",
            startedAt: "x",
            results: [result({ duplicated: 1, passed: 29 })],
        });
        expect(text).not.toContain("Vendor repeats");
        expect(text).toMatch(/\|\s+FAIL \|\n\nprofile short, started x, 12\.3 s of scenarios: FAILED$/);
    });
});

describe("measured figures", () => {
    it("prints each scenario's figures under the table, and none when no scenario has any", () => {
        const tally = new Tally("rolling restart of the 3 Restate nodes");
        tally.attempt(undefined);
        tally.figures.push("longest gap in successful creates 2100 ms over 60 leads and 3 restarts");
        const text = formatScorecard({ profile: "cluster", startedAt: "x", results: [tally.result()] });
        expect(text).toContain(
            "Measured:\n- rolling restart of the 3 Restate nodes: longest gap in successful creates 2100 ms over 60 leads and 3 restarts\n",
        );
        expect(formatScorecard({ profile: "short", startedAt: "x", results: [result({})] })).not.toContain("Measured:");
    });
});

describe("Tally", () => {
    it("counts an attempt that was both lost and duplicated in both columns, once each", () => {
        const tally = new Tally("t");
        tally.attempt(undefined);
        tally.attempt("lead x: DHQ lead 0 of 1; RLM lead 2×", ["lost", "duplicated", "lost"]);
        tally.attempt("bad input accepted", "acceptedBad");
        expect(tally.result()).toMatchObject({ attempts: 3, passed: 1, lost: 1, duplicated: 1, acceptedBad: 1 });
    });
});
