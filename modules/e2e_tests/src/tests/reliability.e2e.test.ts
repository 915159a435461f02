/**
 * The reliability suite's short profile, in-process, as part of the normal test command: on its own private
 * stack it crashes the lead processor, restarts and kills restate-server, stops and kills DynamoDB, injects
 * vendor faults, races creates and closes, sends hostile input and scans the logs. Every scenario must be
 * green: nothing lost, nothing the product controls made twice, no vendor repeat without a fault to explain
 * it (explained vendor repeats are at-least-once by the vendors' documentation and only counted).
 */
import { describe, expect, it } from "vitest";
import { runReliability, SCENARIOS } from "../reliability/run";
import { formatScorecard, isGreen } from "../reliability/scorecard";

describe("reliability (short profile, private stack)", () => {
    it("loses nothing, doubles nothing and accepts no bad input", async () => {
        const lines: string[] = [];
        const card = await runReliability({ profile: "short", log: (line) => lines.push(line) });
        console.info(`${lines.join("\n")}\n${formatScorecard(card)}`);
        expect(card.results.map((r) => r.scenario)).toHaveLength(Object.keys(SCENARIOS).length);
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
