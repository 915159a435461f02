import { describe, expect, it } from "vitest";
import { buildAttributeFilter, FilterError } from "../src/db/attribute-filter";
import type { LeadScanRequest } from "../src/db/lead-states.table";
import type { Step } from "../src/lead/validation";
import { BulkRequest, bulkEndpoint, leadCap } from "../src/services/admin/bulk-request";
import { MAX_PAGES_PER_CALL, scanLeads } from "../src/services/admin/bulk-scan";

describe("bulk Filter builder", () => {
    it("builds an equality FilterExpression with placeholders only", () => {
        expect(buildAttributeFilter({ Status: "ACTIVE", LeadType: "WEB2TEXT" })).toEqual({
            expression: "#a0_0 = :v0 AND #a1_0 = :v1",
            names: { "#a0_0": "Status", "#a1_0": "LeadType" },
            values: { ":v0": "ACTIVE", ":v1": "WEB2TEXT" },
        });
    });

    it("follows dotted paths into maps and accepts numbers and booleans", () => {
        expect(
            buildAttributeFilter({ "Lead.LocationId": "x", "Integrations.Twilio.Data.Count": 2, Flag: true }),
        ).toEqual({
            expression: "#a0_0.#a0_1 = :v0 AND #a1_0.#a1_1.#a1_2.#a1_3 = :v1 AND #a2_0 = :v2",
            names: {
                "#a0_0": "Lead",
                "#a0_1": "LocationId",
                "#a1_0": "Integrations",
                "#a1_1": "Twilio",
                "#a1_2": "Data",
                "#a1_3": "Count",
                "#a2_0": "Flag",
            },
            values: { ":v0": "x", ":v1": 2, ":v2": true },
        });
    });

    it.each<[string, unknown, string]>([
        ["a string other than *", "ACTIVE", 'expected "*" or an object'],
        ["an array", [{ Status: "ACTIVE" }], "got an array"],
        ["null", null, "got null"],
        ["an empty object", {}, "the filter object is empty"],
        ["a nested value", { Status: { $ne: "CLOSED" } }, "'Status' must equal a string, number or boolean"],
        ["an injection attempt", { "Status = :x OR LeadId": "a" }, "is not an attribute name"],
        ["an empty path segment", { "Lead..Name": "a" }, "is not an attribute name"],
        ["too many attributes", Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`a${i}`, i])), "at most 20"],
    ])("rejects %s", (_name, filter, message) => {
        expect(() => buildAttributeFilter(filter)).toThrow(FilterError);
        expect(() => buildAttributeFilter(filter)).toThrow(message);
    });
});

describe("bulk request", () => {
    it("defaults Verbose false and Async true", () => {
        expect(BulkRequest.parse({ Operation: "FIND", Filter: "*" })).toMatchObject({ Verbose: false, Async: true });
    });

    it("requires Operation and Filter", () => {
        expect(BulkRequest.safeParse({ Filter: "*" }).success).toBe(false);
        expect(BulkRequest.safeParse({ Operation: "FIND" }).success).toBe(false);
        expect(BulkRequest.safeParse({ Operation: "DELETE", Filter: "*" }).success).toBe(false);
    });

    it("caps leads per call: 10,000 ids, 1,000 with details or awaited calls", () => {
        expect(leadCap({ Verbose: false, Async: true, Limit: undefined })).toBe(10_000);
        expect(leadCap({ Verbose: true, Async: true, Limit: undefined })).toBe(1_000);
        expect(leadCap({ Verbose: false, Async: false, Limit: undefined })).toBe(1_000);
        expect(leadCap({ Verbose: false, Async: true, Limit: 5 })).toBe(5);
        expect(BulkRequest.safeParse({ Operation: "SYNC", Filter: "*", Async: false, Limit: 5000 }).success).toBe(
            false,
        );
    });

    it("derives the API-key endpoint from the operation", () => {
        expect(bulkEndpoint({ Operation: "CLOSE", Filter: "*" })).toBe("Admin/bulk/CLOSE");
        expect(bulkEndpoint({ Operation: "NUKE" })).toBe("Admin/bulk");
        expect(bulkEndpoint("garbage")).toBe("Admin/bulk");
    });
});

describe("scanning the projection page by page", () => {
    /** A fake LeadStates table of `total` leads, answering DynamoDB-style pages (Limit counts evaluated items). */
    function table(total: number, matches: (i: number) => boolean = () => true) {
        const requests: LeadScanRequest[] = [];
        const ids = Array.from({ length: total }, (_, i) => `lead-${String(i).padStart(5, "0")}`);
        return {
            requests,
            scanPage: async (request: LeadScanRequest) => {
                requests.push(request);
                const start = request.startAfter ? ids.indexOf(request.startAfter) + 1 : 0;
                const evaluated = ids.slice(start, start + request.limit);
                const end = start + evaluated.length;
                return {
                    items: evaluated.filter((_, k) => matches(start + k)).map((LeadId) => ({ LeadId })),
                    nextLeadId: end < total ? evaluated.at(-1) : undefined,
                };
            },
        };
    }
    const steps: string[] = [];
    const step: Step = async (name, action) => {
        steps.push(name);
        return action();
    };
    const scan = (t: ReturnType<typeof table>, cap: number, cursor?: string) =>
        scanLeads(step, t, { filter: undefined, idsOnly: true, cap, cursor });

    it("reads pages until the table ends", async () => {
        const t = table(2500);
        const result = await scan(t, 10_000);
        expect(result.items).toHaveLength(2500);
        expect(result.nextCursor).toBeUndefined();
        expect(t.requests.map((r) => r.limit)).toEqual([1000, 1000, 1000]);
    });

    it("stops at the cap and hands back a cursor that continues where it stopped", async () => {
        const t = table(25);
        const first = await scan(t, 10);
        expect(first.items).toHaveLength(10);
        expect(first.nextCursor).toBe("lead-00009");
        const second = await scan(t, 10, first.nextCursor);
        expect(second.items[0]).toEqual({ LeadId: "lead-00010" });
        const third = await scan(t, 10, second.nextCursor);
        expect(third.items).toHaveLength(5);
        expect(third.nextCursor).toBeUndefined();
    });

    it("bounds the pages read per call when a filter matches little", async () => {
        const t = table(100_000, (i) => i % 5000 === 0);
        steps.length = 0;
        const result = await scan(t, 10_000);
        expect(steps).toHaveLength(MAX_PAGES_PER_CALL);
        expect(steps[0]).toBe("Scan LeadStates (page 1)");
        expect(result.items).toHaveLength(10);
        expect(result.nextCursor).toBe("lead-49999");
    });
});
