/**
 * The reliability suite's short profile, in-process, as part of the normal test command: on its own private
 * stack it crashes the lead processor, restarts restate-server, stops DynamoDB, injects vendor faults, races
 * creates and closes, sends hostile input and scans the logs. Every scenario must be green.
 */
import { describe, expect, it } from "vitest";
import { runReliability } from "../reliability/run";
import { formatScorecard, isGreen } from "../reliability/scorecard";

describe("reliability (short profile, private stack)", () => {
    it("loses nothing, doubles nothing and accepts no bad input", async () => {
        const lines: string[] = [];
        const card = await runReliability({ profile: "short", log: (line) => lines.push(line) });
        console.info(`${lines.join("\n")}\n${formatScorecard(card)}`);
        expect(card.results.map((r) => r.scenario)).toHaveLength(7);
        for (const r of card.results) {
            expect({
                scenario: r.scenario,
                lost: r.lost,
                duplicated: r.duplicated,
                acceptedBad: r.acceptedBad,
            }).toEqual({
                scenario: r.scenario,
                lost: 0,
                duplicated: 0,
                acceptedBad: 0,
            });
            expect(r.problems, r.scenario).toEqual([]);
            expect(isGreen(r), r.scenario).toBe(true);
        }
    }, 360_000);
});
