import { describe, expect, it } from "vitest";
import { chunks, fromItem, leadFilter, toAttribute, toItem } from "../lib/dynamo";

describe("DynamoDB marshalling", () => {
    it("writes nested JSON as attribute values and reads it back", () => {
        const record = {
            LeadId: "abc",
            Status: "ACTIVE",
            Count: 3,
            Flag: false,
            Nothing: null,
            Skipped: undefined,
            Integrations: { ActOn: { SyncStatus: "SYNCED", Data: { RecordId: null, Ids: ["a", "b"] } } },
        };
        const item = toItem(record);
        expect(item.Skipped).toBeUndefined();
        expect(item.Count).toEqual({ N: "3" });
        expect(item.Integrations).toEqual({
            M: {
                ActOn: {
                    M: {
                        SyncStatus: { S: "SYNCED" },
                        Data: { M: { RecordId: { NULL: true }, Ids: { L: [{ S: "a" }, { S: "b" }] } } },
                    },
                },
            },
        });
        const { Skipped: _skipped, ...stored } = record;
        expect(fromItem(item)).toEqual(stored);
    });

    it("refuses values DynamoDB cannot hold", () => {
        expect(() => toAttribute(Number.NaN)).toThrow();
        expect(() => toAttribute(() => 1)).toThrow();
    });
});

describe("leadFilter", () => {
    it("selects a prefix and, when named, every integration in a status", () => {
        const f = leadFilter("0a1b2c3d", ["ActOn", "FloorForce"]);
        expect(f.FilterExpression).toBe("begins_with(#id, :prefix) AND #i.#n0.#s = :status AND #i.#n1.#s = :status");
        expect(f.ExpressionAttributeNames).toEqual({
            "#id": "LeadId",
            "#i": "Integrations",
            "#s": "SyncStatus",
            "#n0": "ActOn",
            "#n1": "FloorForce",
        });
        expect(f.ExpressionAttributeValues).toEqual({ ":prefix": { S: "0a1b2c3d" }, ":status": { S: "SYNCED" } });
    });

    it("is only the prefix without integrations", () => {
        expect(leadFilter("ffffffff").FilterExpression).toBe("begins_with(#id, :prefix)");
    });
});

describe("chunks", () => {
    it("splits into batches of at most the size", () => {
        expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
        expect(chunks([], 25)).toEqual([]);
        expect(() => chunks([1], 0)).toThrow(RangeError);
    });
});
