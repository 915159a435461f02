import { describe, expect, it } from "vitest";
import { actOnContact, formFields } from "../../src/integrations/acton/acton.mappers";
import type { ActOnLead } from "../../src/lead/types/acton/acton.schema";

const lead: ActOnLead = {
    "First Name": "Ada",
    "Last Name": "Lovelace",
    "E-mail Address": "ada@example.com",
    "Home Postal Code": "60601",
    preferred_location: "Chicago",
    listId: "l-0001",
    visits: 3,
    optedIn: true,
    rooms: ["kitchen", "hall"],
    utm: { source: "ad", campaign: "spring" },
    gone: null,
};

describe("ACTON mappers", () => {
    it("gives ActOn every field but listId with the value the form sent", () => {
        expect(actOnContact(lead)).toEqual({
            "First Name": "Ada",
            "Last Name": "Lovelace",
            "E-mail Address": "ada@example.com",
            "Home Postal Code": "60601",
            preferred_location: "Chicago",
            visits: 3,
            optedIn: true,
            rooms: ["kitchen", "hall"],
            utm: { source: "ad", campaign: "spring" },
            gone: null,
        });
    });

    it("gives FloorForce text: strings as they are, any other value as its JSON text", () => {
        const form = formFields(lead);
        expect(form).toEqual({
            "First Name": "Ada",
            "Last Name": "Lovelace",
            "E-mail Address": "ada@example.com",
            "Home Postal Code": "60601",
            preferred_location: "Chicago",
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
