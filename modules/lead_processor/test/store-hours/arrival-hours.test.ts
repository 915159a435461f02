import { describe, expect, it } from "vitest";
import { arrivalHours } from "../../src/lead/store-hours/arrival-hours";
import { type StoreHours, storeHoursOf } from "../../src/lead/store-hours/store-hours";
import { CHICAGO, STORE_WEEK as WEEK } from "./store-week";

function hours(patch: Record<string, string> = {}, coordinates = CHICAGO): StoreHours {
    return storeHoursOf({ hours_of_operation: { ...WEEK, ...patch }, ...coordinates });
}

describe("the store's hours when a lead arrives", () => {
    it.each<[string, string, string | "open"]>([
        ["Tuesday 10:00 (CST)", "2026-03-03T16:00:00Z", "open"],
        ["Tuesday 08:59", "2026-03-03T14:59:00Z", "today at 9:00 AM"],
        ["Tuesday 18:00, the closing minute", "2026-03-04T00:00:00Z", "tomorrow at 9:00 AM"],
        ["Thursday 19:30, open late", "2026-03-06T01:30:00Z", "open"],
        ["Saturday 17:00: Sunday is closed", "2026-03-07T23:00:00Z", "Monday at 9:00 AM"],
        ["Sunday 12:00", "2026-03-08T17:00:00Z", "tomorrow at 9:00 AM"],
    ])("%s", (_, arrivedAt, expected) => {
        const answer = arrivalHours(hours(), arrivedAt);
        expect(answer).toEqual(expected === "open" ? { kind: "open" } : { kind: "closed", opens: expected });
    });

    it("reads the store's wall clock across daylight saving time (14:30 UTC is 8:30 CST, then 9:30 CDT)", () => {
        expect(arrivalHours(hours(), "2026-03-06T14:30:00Z")).toEqual({ kind: "closed", opens: "today at 9:00 AM" });
        expect(arrivalHours(hours(), "2026-03-09T14:30:00Z")).toEqual({ kind: "open" });
        expect(arrivalHours(hours(), "2026-10-30T14:30:00Z")).toEqual({ kind: "open" });
        expect(arrivalHours(hours(), "2026-11-02T14:30:00Z")).toEqual({ kind: "closed", opens: "today at 9:00 AM" });
    });

    it("names the opening in the store's own zone, not the server's or UTC", () => {
        const brooklyn = hours({}, { latitude: 40.6904, longitude: -73.9924 });
        const seattle = hours({}, { latitude: 47.6114, longitude: -122.3366 });
        // Tuesday 2026-03-03 14:30 UTC: 9:30 in Brooklyn, 6:30 in Seattle.
        expect(arrivalHours(brooklyn, "2026-03-03T14:30:00Z")).toEqual({ kind: "open" });
        expect(arrivalHours(seattle, "2026-03-03T14:30:00Z")).toEqual({ kind: "closed", opens: "today at 9:00 AM" });
    });

    it("finds the second opening of a split day", () => {
        const split = hours({ tuesday: "10:00 AM - 1:00 PM, 2:00 PM - 6:00 PM" });
        expect(arrivalHours(split, "2026-03-03T19:30:00Z")).toEqual({ kind: "closed", opens: "today at 2:00 PM" });
        expect(arrivalHours(split, "2026-03-03T20:30:00Z")).toEqual({ kind: "open" });
        expect(arrivalHours(split, "2026-03-03T15:30:00Z")).toEqual({ kind: "closed", opens: "today at 10:00 AM" });
    });

    it("keeps a late opening open past midnight, also from Saturday into Sunday", () => {
        const late = hours({ friday: "6:00 PM - 2:00 AM", saturday: "8:00 PM - 1:00 AM" });
        expect(arrivalHours(late, "2026-03-07T07:00:00Z")).toEqual({ kind: "open" }); // Saturday 01:00
        expect(arrivalHours(late, "2026-03-07T09:00:00Z")).toEqual({ kind: "closed", opens: "today at 8:00 PM" });
        expect(arrivalHours(late, "2026-03-08T06:30:00Z")).toEqual({ kind: "open" }); // Sunday 00:30
        expect(arrivalHours(late, "2026-03-08T07:30:00Z")).toEqual({ kind: "closed", opens: "tomorrow at 9:00 AM" });
    });

    it("says 'next Monday' for a store open one day a week, arriving that day after closing", () => {
        const closed = {
            tuesday: "Closed",
            wednesday: "Closed",
            thursday: "Closed",
            friday: "Closed",
            saturday: "Closed",
        };
        const mondays = hours(closed);
        expect(arrivalHours(mondays, "2026-03-03T16:00:00Z")).toEqual({ kind: "closed", opens: "Monday at 9:00 AM" });
        expect(arrivalHours(mondays, "2026-03-10T01:00:00Z")).toEqual({
            kind: "closed",
            opens: "next Monday at 9:00 AM",
        });
    });

    it("gives no opening on a dated entry (a holiday), or when the next opening falls on one", () => {
        const christmas = hours({ "2026-12-25": "Closed" });
        expect(arrivalHours(christmas, "2026-12-25T20:00:00Z")).toEqual({
            kind: "unknown",
            reason: "2026-12-25 is a dated entry",
        });
        expect(arrivalHours(christmas, "2026-12-25T03:00:00Z")).toEqual({
            kind: "unknown",
            reason: "the next opening's date 2026-12-25 is a dated entry",
        });
        expect(arrivalHours(christmas, "2026-12-24T16:00:00Z")).toEqual({ kind: "open" });
    });

    it("gives no opening when the hours are unknown, not kept, or the arrival is not a date", () => {
        expect(arrivalHours({ known: false, reason: "no hours" }, "2026-03-03T16:00:00Z")).toEqual({
            kind: "unknown",
            reason: "no hours",
        });
        expect(arrivalHours(undefined, "2026-03-03T16:00:00Z")).toMatchObject({ kind: "unknown" });
        expect(arrivalHours(hours(), "yesterday")).toMatchObject({ kind: "unknown" });
    });
});
