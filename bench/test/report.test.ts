import { describe, expect, it } from "vitest";
import { formatMarkdownTable, formatTable, isoDay, jsonSafe, type ScenarioRow } from "../lib/report";
import { copyVerdict, messageSidOfKey } from "../lib/sandbox";
import { summarize } from "../lib/stats";

const SID = `IM${"a".repeat(32)}`;

const acton = (concurrency: number, e2e: number, p99: number, cpu: number): ScenarioRow => ({
    scenario: "acton",
    concurrency,
    n: 300,
    status: "ok",
    latencyMs: { ...summarize([1, 2, 3]), p99 },
    perSecond: e2e * 1.2,
    e2ePerSecond: e2e,
    ratioToFloor: { create: 0.5, e2e: 0.4 },
    cpuMsPerLead: { leadProcessor: cpu / 2, restate: cpu / 4, dynamo: cpu / 4, sandbox: 1 },
    peakRssMb: { leadProcessor: 120, restate: 200 },
});

describe("tables", () => {
    it("aligns every row under the headers and lists notes and failures", () => {
        const rows: ScenarioRow[] = [
            acton(8, 50, 80, 16),
            { scenario: "storm", concurrency: 32, n: 1000, status: "failed", note: "no webhooks" },
        ];
        const text = formatTable(rows);
        const lines = text.split("\n");
        expect(lines[0]).toContain("scenario");
        expect(lines[0]).toContain("×floor c/e2e");
        expect(lines[2]).toContain("0.50/0.40");
        expect(lines[3]).toContain("[FAILED]");
        expect(text).toContain("storm c=32: no webhooks");
        expect(lines[2]?.length).toBe(lines[0]?.length);
    });

    it("renders Markdown with one line per row", () => {
        const md = formatMarkdownTable([acton(32, 80, 90, 18)]);
        expect(md.split("\n")).toHaveLength(3);
        expect(md).toMatch(/^\| scenario \| c \| N \|/);
    });

    it("dates results files by UTC day and keeps JSON finite", () => {
        expect(isoDay(new Date("2026-03-04T23:59:59Z"))).toBe("2026-03-04");
        expect(jsonSafe({ a: Number.NaN, b: [1, Number.POSITIVE_INFINITY], c: new Map([["k", 2]]) })).toEqual({
            a: null,
            b: [1, null],
            c: { k: 2 },
        });
    });
});

describe("copies of storm messages", () => {
    it("finds the message sid at the end of a copy's key", () => {
        expect(messageSidOfKey(`6f1c2b0e-0000-4000-8000-000000000000:RLM:${SID}`)).toBe(SID);
        expect(messageSidOfKey("lead:RLM:create")).toBeUndefined();
        expect(messageSidOfKey(undefined)).toBeUndefined();
    });

    it("counts missing and duplicated copies", () => {
        const sids = new Set(["a", "b", "c"]);
        expect(
            copyVerdict(
                sids,
                new Map([
                    ["a", 1],
                    ["b", 2],
                ]),
            ),
        ).toEqual({ missing: 1, duplicated: 1 });
    });
});
