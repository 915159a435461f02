import { describe, expect, it } from "vitest";
import { freeCandidates, ProxyPicker, ProxyReservations } from "../src/pool/choose-proxy";
import { AREA_CODES, distanceKm, parseAreaCodeTable } from "../src/pool/geo";
import { classifyNumber } from "../src/pool/phone-region";
import { PoolSnapshot } from "../src/pool/pool-snapshot";

const pool = (numbers: string[]) => PoolSnapshot.build(numbers).pool;

describe("area-code geography", () => {
    it("covers US and Canadian area codes", () => {
        const places = [...AREA_CODES.values()];
        expect(places.filter((place) => place.country === "US").length).toBeGreaterThanOrEqual(300);
        expect(places.filter((place) => place.country === "CA").length).toBeGreaterThanOrEqual(40);
        expect(AREA_CODES.get("212")).toMatchObject({ country: "US" });
        expect(AREA_CODES.get("416")).toMatchObject({ country: "CA" });
        expect(AREA_CODES.get("604")).toMatchObject({ country: "CA" });
        expect(AREA_CODES.get("800")).toBeUndefined();
    });

    it("places codes plausibly (New York to Los Angeles is about 3,940 km)", () => {
        const ny = AREA_CODES.get("212");
        const la = AREA_CODES.get("213");
        if (!ny || !la) throw new Error("missing area codes");
        expect(distanceKm(ny, la)).toBeGreaterThan(3_850);
        expect(distanceKm(ny, la)).toBeLessThan(4_050);
        expect(distanceKm(ny, ny)).toBe(0);
    });

    it("rejects malformed and duplicate lines", () => {
        expect(() => parseAreaCodeTable("US 40 -74 212\nUS 41 -75 212")).toThrow(/212 is listed twice/);
        expect(() => parseAreaCodeTable("MX 40 -74 212")).toThrow(/malformed/);
        expect(() => parseAreaCodeTable("US 40 -74 112")).toThrow(/bad code 112/);
        expect(parseAreaCodeTable("# comment only\n\nCA 45.5 -73.6 514 438  # Montreal").size).toBe(2);
    });

    it("classifies NANP numbers by table, then libphonenumber; others by calling code", () => {
        expect(classifyNumber("+14165550100")).toMatchObject({ country: "CA", areaCode: "416" });
        expect(classifyNumber("+12125550100")).toMatchObject({ country: "US", areaCode: "212" });
        expect(classifyNumber("+18005550100")).toMatchObject({ country: "US", areaCode: "800", place: undefined });
        expect(classifyNumber("+18765550100")).toMatchObject({ country: "JM", areaCode: "876" });
        expect(classifyNumber("+442071234567")).toMatchObject({ country: "+44", areaCode: undefined });
        expect(classifyNumber("not a number")).toBeUndefined();
    });
});

describe("candidate order", () => {
    it("offers a 212 participant 646, 917 and 201 numbers before a 415 one", () => {
        const candidates = pool(["+14155550101", "+12015550101", "+16465550101", "+19175550101"]).candidatesFor(
            "+12125550199",
        );
        expect(candidates).toEqual(["+16465550101", "+19175550101", "+12015550101", "+14155550101"]);
    });

    it("offers a Toronto participant Canadian numbers only, even when a US number is nearer", () => {
        // Buffalo (716) is ~100 km from Toronto; Ottawa (613) ~350 km and Vancouver (604) ~3,350 km.
        const candidates = pool(["+17165550101", "+16135550101", "+16045550101", "+12125550101"]).candidatesFor(
            "+14165550199",
        );
        expect(candidates).toEqual(["+16135550101", "+16045550101"]);
    });

    it("offers a Buffalo participant US numbers only, even when a Canadian number is nearer", () => {
        const candidates = pool(["+14165550101", "+12125550101", "+13125550101"]).candidatesFor("+17165550199");
        expect(candidates).toEqual(["+12125550101", "+13125550101"]);
    });

    it("puts the participant's own area code first and walks outwards", () => {
        const candidates = pool([
            "+13105550101", // West LA
            "+12135550102", // LA
            "+12135550101", // LA
            "+14155550101", // SF
            "+16195550101", // San Diego
            "+12065550101", // Seattle
        ]).candidatesFor("+12135550199");
        expect(candidates).toEqual([
            "+12135550101",
            "+12135550102",
            "+13105550101",
            "+16195550101",
            "+14155550101",
            "+12065550101",
        ]);
    });

    it("falls back deterministically for an area code not in the table: same code first, then by area code", () => {
        const numbers = ["+14155550101", "+18005550101", "+12125550101", "+18885550101", "+13125550101"];
        const candidates = pool(numbers).candidatesFor("+18885550199");
        expect(candidates).toEqual(["+18885550101", "+12125550101", "+13125550101", "+14155550101", "+18005550101"]);
        expect(pool([...numbers].reverse()).candidatesFor("+18885550199")).toEqual(candidates);
    });

    it("still offers pool numbers whose area code is not in the table, after the located ones", () => {
        const candidates = pool(["+18005550101", "+14155550101", "+12125550101"]).candidatesFor("+12125550199");
        expect(candidates).toEqual(["+12125550101", "+14155550101", "+18005550101"]);
    });

    it("matches other countries by calling code, longest shared prefix first", () => {
        const candidates = pool([
            "+441615550101", // Manchester
            "+442071230000", // London
            "+442079990000", // London
            "+33142685300", // Paris
        ]).candidatesFor("+442071234567");
        expect(candidates).toEqual(["+442071230000", "+442079990000", "+441615550101"]);
        expect(pool(["+14155550101"]).candidatesFor("+33142685300")).toEqual([]);
    });

    it("drops unparseable pool entries and duplicates", () => {
        const { pool: snapshot, rejected } = PoolSnapshot.build(["+12125550101", "+12125550101", "garbage", "+1212"]);
        expect(snapshot.numbers).toEqual(["+12125550101"]);
        expect(rejected).toEqual(["garbage", "+1212"]);
    });
});

describe("ProxyPicker", () => {
    const candidates = ["+12125550101", "+12125550102", "+12125550103"];

    it("skips busy numbers", () => {
        expect(freeCandidates(candidates, new Set(["+12125550101"]))).toEqual(["+12125550102", "+12125550103"]);
    });

    it("hands concurrent requests for one participant different numbers and frees them on release", () => {
        const reservations = new ProxyReservations();
        const first = new ProxyPicker("+15550000001", candidates, reservations);
        const second = new ProxyPicker("+15550000001", candidates, reservations);
        const otherParticipant = new ProxyPicker("+15550000002", candidates, reservations);
        expect(first.take()).toBe("+12125550101");
        expect(second.take()).toBe("+12125550102");
        expect(otherParticipant.take()).toBe("+12125550101");
        expect(first.take()).toBe("+12125550103");
        expect(second.take()).toBeUndefined();
        first.releaseAll();
        second.releaseAll();
        otherParticipant.releaseAll();
        expect(reservations.activeAddresses).toBe(0);
        expect(new ProxyPicker("+15550000001", candidates, reservations).take()).toBe("+12125550101");
    });
});
