import { describe, expect, it } from "vitest";
import { actOnContact, formFields } from "../../src/integrations/acton/acton.mappers";
import { actOnLead } from "./fixtures";

const extras = {
    visits: 3,
    optedIn: true,
    rooms: ["kitchen", "hall"],
    utm: { source: "ad", campaign: "spring" },
    gone: null,
};
const lead = actOnLead(extras).Lead;
const { listId: _list, ...named } = actOnLead().Lead;

describe("ACTON mappers", () => {
    it("gives ActOn every field but listId with the value the form sent", () => {
        expect(actOnContact(lead)).toEqual({ ...named, ...extras });
    });

    it("gives FloorForce text: strings as they are, any other value as its JSON text", () => {
        const form = formFields(lead);
        expect(form).toEqual({
            ...named,
            listId: "l-0001",
            visits: "3",
            optedIn: "true",
            rooms: '["kitchen","hall"]',
            utm: '{"source":"ad","campaign":"spring"}',
            gone: "null",
        });
        expect(new URLSearchParams(form).toString()).toContain("rooms=%5B%22kitchen%22%2C%22hall%22%5D");
    });
});
