import { describe, expect, it } from "vitest";
import { describeKill, judgeKills, type KillSnapshot, killSummary } from "./kill-evidence";

const T0 = Date.parse("2026-12-03T10:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

const kills: KillSnapshot[] = [
    {
        label: "kill 1/2",
        at: T0,
        downMs: 800,
        running: [
            { id: "inv_a", handler: "create", journal_size: 9 },
            { id: "inv_b", handler: "sync", journal_size: 4 },
        ],
    },
    { label: "kill 2/2", at: T0 + 10_000, downMs: 700, running: [{ id: "inv_c", handler: "create", journal_size: 2 }] },
];

describe("judging kills", () => {
    it("counts an invocation running at a kill and failed within its window as interrupted", () => {
        const failures = [
            { id: "inv_a", appended_at: iso(T0 + 5), after_journal_entry_index: 8 },
            { id: "inv_b", appended_at: iso(T0 + 300), after_journal_entry_index: 3 },
            // inv_c failed long before its kill, for another reason: not the kill's doing.
            { id: "inv_c", appended_at: iso(T0 + 2_000), after_journal_entry_index: 1 },
        ];
        const outcomes = [
            { id: "inv_a", status: "completed", completion_result: "success" },
            { id: "inv_b", status: "backing-off", completion_result: null },
        ];
        const verdicts = judgeKills(kills, failures, outcomes);
        expect(verdicts.map((v) => [v.label, v.interrupted.map((i) => i.id), v.completed])).toEqual([
            ["kill 1/2", ["inv_a", "inv_b"], 1],
            ["kill 2/2", [], 0],
        ]);
        expect(verdicts.map(describeKill)).toEqual([
            "kill 1/2: 2 Lead invocation(s) running (1 create, 1 sync); 2 cut off and replayed (journal at entry 3–8: 1 create, 1 sync), 1 of them completed since",
            "kill 2/2: 1 Lead invocation(s) running (1 create); none cut off by the kill",
        ]);
        expect(killSummary(verdicts)).toBe("1 of 2 kills interrupted an invocation in flight");
    });

    it("finds no interruption when no failure was recorded (the check can fail)", () => {
        expect(killSummary(judgeKills(kills, [], []))).toBe("0 of 2 kills interrupted an invocation in flight");
    });
});
