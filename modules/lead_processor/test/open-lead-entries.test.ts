import { describe, expect, it } from "vitest";
import {
    claim,
    newest,
    type OpenLeadEntry,
    withEntry,
    withoutLead,
} from "../src/services/open-leads/open-lead-entries";

const entry = (n: number, at: string): OpenLeadEntry => ({
    LeadId: `00000000-0000-4000-8000-00000000000${n}`,
    DateSubmitted: at,
});
const a = entry(1, "2026-12-03T14:00:00.000Z");
const b = entry(2, "2026-12-03T14:05:00.000Z");
const c = entry(3, "2026-12-03T14:10:00.000Z");

describe("open-lead index entries", () => {
    it("adds a lead once, however often it is added", () => {
        expect(withEntry(withEntry([a], b), b)).toEqual([a, b]);
    });

    it("forgets only the lead named, and nothing when it is not there", () => {
        expect(withoutLead([a, b, c], b.LeadId)).toEqual([a, c]);
        expect(withoutLead([a], c.LeadId)).toEqual([a]);
        expect(withoutLead([], a.LeadId)).toEqual([]);
    });

    it("lets a claim leave the claimer alone and answer every lead it displaced", () => {
        expect(claim([a, b], c)).toEqual({ entries: [c], previous: [a, b] });
        expect(claim([], a)).toEqual({ entries: [a], previous: [] });
    });

    it("does not displace the claimer itself when its claim is repeated", () => {
        expect(claim([a, c], c)).toEqual({ entries: [c], previous: [a] });
    });

    it("answers the most recently submitted lead, or null", () => {
        expect(newest([b, c, a])).toEqual(c);
        expect(newest([a, entry(4, "2026-12-03T09:00:00-06:00")])).toEqual(entry(4, "2026-12-03T09:00:00-06:00"));
        expect(newest([])).toBeNull();
    });
});
