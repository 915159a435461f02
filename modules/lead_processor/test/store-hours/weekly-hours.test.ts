import { describe, expect, it } from "vitest";
import { storeHoursOf } from "../../src/lead/store-hours/store-hours";
import { storeTimeZone } from "../../src/lead/store-hours/store-zone";
import { readWeeklyHours } from "../../src/lead/store-hours/weekly-hours";
import { STORE_WEEK as FULL_WEEK } from "./store-week";

const DAY = 1440;

describe("a store's week of hours", () => {
    it("turns day → hours into openings from Sunday 00:00, Sunday closed", () => {
        const week = readWeeklyHours(FULL_WEEK);
        expect(week).toEqual({
            openings: [
                { start: DAY + 540, end: DAY + 1080 },
                { start: 2 * DAY + 540, end: 2 * DAY + 1080 },
                { start: 3 * DAY + 540, end: 3 * DAY + 1080 },
                { start: 4 * DAY + 540, end: 4 * DAY + 1200 },
                { start: 5 * DAY + 540, end: 5 * DAY + 1080 },
                { start: 6 * DAY + 600, end: 6 * DAY + 960 },
            ],
            datedEntries: [],
        });
    });

    it("takes abbreviated or capitalised day names, the object as a JSON string, and dated entries apart", () => {
        const short = { Mon: "9-6", TUE: "9-6", wed: "9-6", Thurs: "9-6", fri: "9-6", Sat: "Closed", sun: "Closed" };
        const week = readWeeklyHours(JSON.stringify({ ...short, "2026-12-25": "Closed", notes: "ring the bell" }));
        expect(week).toMatchObject({ datedEntries: ["2026-12-25"] });
        expect("openings" in week && week.openings).toHaveLength(5);
    });

    it("keeps the part of a late opening that runs into the next week", () => {
        const late = { ...FULL_WEEK, saturday: "8:00 PM - 1:00 AM" };
        expect(readWeeklyHours(late)).toMatchObject({
            openings: expect.arrayContaining([{ start: 6 * DAY + 1200, end: 6 * DAY + 1500 }]),
        });
    });

    it.each<[string, unknown, string]>([
        ["absent", undefined, "no hours of operation"],
        ["null", null, "no hours of operation"],
        ["empty", {}, "no hours of operation"],
        ["free text", "Mon-Fri 9-5", "not a day → hours object"],
        ["a list", ["9-5"], "not a day → hours object"],
        [
            "a day it cannot read",
            { ...FULL_WEEK, tuesday: "By appointment" },
            "hours for Tuesday cannot be read: 'By appointment'",
        ],
        [
            "days left out",
            { monday: "9-5", tuesday: "9-5", friday: null },
            "do not say Sunday, Wednesday, Thursday, Friday, Saturday",
        ],
        ["closed every day", Object.fromEntries(Object.keys(FULL_WEEK).map((d) => [d, "Closed"])), "closed every day"],
    ])("names the problem when the hours are %s", (_, raw, problem) => {
        expect(readWeeklyHours(raw)).toEqual({ problem: expect.stringContaining(problem) });
    });
});

describe("a store's time zone and its hours in it", () => {
    it.each<[number, number, string]>([
        [41.8847, -87.6319, "America/Chicago"],
        [40.6904, -73.9924, "America/New_York"],
        [39.7532, -105.0002, "America/Denver"],
        [47.6114, -122.3366, "America/Los_Angeles"],
        [33.4484, -112.074, "America/Phoenix"],
    ])("finds the zone at %f, %f", (lat, long, zone) => {
        expect(storeTimeZone(lat, long)).toBe(zone);
    });

    it("has no zone without coordinates, at 0/0 or out of range", () => {
        expect(storeTimeZone(null, -87.6)).toBeUndefined();
        expect(storeTimeZone(0, 0)).toBeUndefined();
        expect(storeTimeZone(200, 10)).toBeUndefined();
    });

    it("knows the hours only with both readable hours and coordinates", () => {
        expect(storeHoursOf({ hours_of_operation: FULL_WEEK, latitude: 41.88, longitude: -87.63 })).toMatchObject({
            known: true,
            timeZone: "America/Chicago",
        });
        expect(storeHoursOf({ hours_of_operation: FULL_WEEK })).toEqual({
            known: false,
            reason: "the store has no usable coordinates in Nexus for its time zone",
        });
        expect(storeHoursOf({ latitude: 41.88, longitude: -87.63 })).toEqual({
            known: false,
            reason: "the store has no hours of operation in Nexus",
        });
    });
});
