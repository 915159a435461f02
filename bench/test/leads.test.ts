import { toE164, Uuid } from "common";
import { describe, expect, it } from "vitest";
import {
    actOnRequest,
    busiestStoreShare,
    CustomerPhones,
    LeadIds,
    poolNumbers,
    storeNumbers,
    web2TextRequest,
    web2TextStores,
} from "../lib/leads";

describe("LeadIds", () => {
    it("makes valid, distinct UUIDs that share the prefix", () => {
        const ids = new LeadIds();
        const made = Array.from({ length: 200 }, () => ids.next());
        expect(new Set(made).size).toBe(200);
        for (const id of made) {
            expect(id.startsWith(ids.prefix)).toBe(true);
            expect(Uuid.safeParse(id).success).toBe(true);
        }
    });

    it("refuses a prefix that would not keep the id a UUID", () => {
        expect(() => new LeadIds("xyz")).toThrow();
        expect(new LeadIds("0123abcd").prefix).toBe("0123abcd");
    });
});

describe("phone numbers", () => {
    it("customer numbers are distinct, possible US numbers outside exchange 555", () => {
        const phones = new CustomerPhones();
        const made = Array.from({ length: 5000 }, () => phones.next());
        expect(new Set(made).size).toBe(5000);
        for (const phone of made.slice(0, 300)) {
            expect(toE164(phone)).toBe(phone);
            expect(phone.slice(5, 8)).not.toBe("555");
        }
    });

    it("pool numbers are distinct possible numbers clear of the seed's 555-01xx", () => {
        const pool = poolNumbers(700);
        expect(new Set(pool).size).toBe(700);
        for (const number of pool) {
            expect(toE164(number)).toBe(number);
            expect(number.slice(8, 10)).not.toBe("01");
        }
    });
});

describe("stores and requests", () => {
    it("spreads over every seeded location that takes Web2Text leads", () => {
        const stores = web2TextStores();
        expect(stores.length).toBeGreaterThanOrEqual(2);
        expect(storeNumbers()).toHaveLength(stores.length);
    });

    it("counts the busiest store number's share of a round-robin spread", () => {
        expect(busiestStoreShare(10, ["a", "b", "a"])).toBe(7);
        expect(busiestStoreShare(0, ["a"])).toBe(0);
    });

    it("builds requests that sync right away", () => {
        const [store] = web2TextStores();
        if (!store) throw new Error("no store");
        expect(web2TextRequest(store, "+13122220000", 1)).toMatchObject({
            LeadType: "WEB2TEXT",
            SyncImmediately: true,
            Lead: { LocationId: store.locationId, PhoneNumber: "+13122220000" },
        });
        expect(actOnRequest("r", 2)).toMatchObject({
            LeadType: "ACTON",
            SyncImmediately: true,
            Lead: { listId: "l-0001" },
        });
    });
});
