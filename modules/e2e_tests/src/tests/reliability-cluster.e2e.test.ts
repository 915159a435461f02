/**
 * The reliability suite's cluster profile in its short form, in-process, as part of the normal test command: on
 * a private stack with a three-node Restate cluster it kills one node with `kill -9` under load, restarts the
 * three nodes one at a time, and upgrades the lead processor with invocations in flight. Nothing may be lost or
 * doubled, no invocation may fail, and the longest gaps are printed.
 */
import { describe, expect, it } from "vitest";
import { CLUSTER_SCENARIOS, runReliability } from "../reliability/run";
import { formatScorecard, isGreen } from "../reliability/scorecard";

describe("reliability (cluster-short profile, private three-node Restate cluster)", () => {
    it("keeps every lead through a node kill, a rolling restart and a rolling upgrade", async () => {
        const lines: string[] = [];
        const card = await runReliability({ profile: "cluster-short", log: (line) => lines.push(line) });
        console.info(`${lines.join("\n")}\n${formatScorecard(card)}`);
        expect(card.results).toHaveLength(Object.keys(CLUSTER_SCENARIOS).length);
        for (const r of card.results) {
            expect({ scenario: r.scenario, lost: r.lost, duplicated: r.duplicated }).toEqual({
                scenario: r.scenario,
                lost: 0,
                duplicated: 0,
            });
            expect(r.problems, r.scenario).toEqual([]);
            expect(r.attempts, r.scenario).toBeGreaterThan(0);
            expect(isGreen(r), r.scenario).toBe(true);
            expect(r.figures?.length, r.scenario).toBeGreaterThan(0);
        }
    }, 360_000);
});
