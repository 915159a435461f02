import { describe, expect, it } from "vitest";
import { readDayHours } from "../../src/lead/store-hours/day-hours";

const at = (h: number, m = 0) => h * 60 + m;

describe("one day's hours as Nexus writes them", () => {
    it.each<[string, { open: number; close: number }[]]>([
        ["9:00 AM - 6:00 PM", [{ open: at(9), close: at(18) }]],
        ["9am-6pm", [{ open: at(9), close: at(18) }]],
        ["9:30 a.m. to 5:45 p.m.", [{ open: at(9, 30), close: at(17, 45) }]],
        ["09:00-18:00", [{ open: at(9), close: at(18) }]],
        ["9 – 5 PM", [{ open: at(9), close: at(17) }]],
        ["1-5 PM", [{ open: at(13), close: at(17) }]],
        ["9 AM - 5", [{ open: at(9), close: at(17) }]],
        ["9-6", [{ open: at(9), close: at(18) }]],
        ["12-5", [{ open: at(12), close: at(17) }]],
        ["noon - 8 PM", [{ open: at(12), close: at(20) }]],
        [
            "10:00 AM - 1:00 PM, 2:00 PM - 6:00 PM",
            [
                { open: at(10), close: at(13) },
                { open: at(14), close: at(18) },
            ],
        ],
        [
            "7am-11am & 5pm-9pm",
            [
                { open: at(7), close: at(11) },
                { open: at(17), close: at(21) },
            ],
        ],
        ["6:00 PM - 2:00 AM", [{ open: at(18), close: at(26) }]],
        ["22:00-02:00", [{ open: at(22), close: at(26) }]],
        ["8 PM - midnight", [{ open: at(20), close: at(24) }]],
        ["Open 24 hours", [{ open: 0, close: at(24) }]],
        ["12:00 AM - 12:00 AM", [{ open: 0, close: at(24) }]],
        ["Closed", []],
        [" CLOSED ", []],
    ])("reads '%s'", (text, openings) => {
        expect(readDayHours(text)).toEqual(openings);
    });

    it.each([
        "By appointment",
        "9",
        "9:75 AM - 5 PM",
        "13 PM - 5 PM",
        "9 AM - 5 PM - 7 PM",
        "9 AM - 5 PM, call us",
        "",
    ])("cannot read '%s'", (text) => {
        expect(readDayHours(text)).toBeUndefined();
    });
});
