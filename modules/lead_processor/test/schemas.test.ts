import { formatIssues } from "common";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CreateLeadRequest } from "../src/lead/create-request";
import { ActOnLead } from "../src/lead/types/acton/acton.schema";
import { Web2TextLead } from "../src/lead/types/web2text/web2text.schema";

const web2text = {
    LocationId: "a1e0c9d2-5b7f-4e3a-8c21-3f9d0b1a2c01",
    PageUrl: "https://prairie-floors.example/oak",
    Name: "Dana",
    PhoneNumber: "(312) 555-0123",
    CustomerMessage: "Hello",
};
const acton = {
    "First Name": "Robin",
    "Last Name": "Buyer",
    "E-mail Address": "robin@example.com",
    "Home Postal Code": "60601",
    preferred_location: "Chicago",
};

/** The formatted problem list of a failing parse ("" when it passes). */
function problems(schema: z.ZodType, value: unknown): string {
    const result = schema.safeParse(value);
    return result.success ? "" : formatIssues(result.error);
}

describe("WEB2TEXT lead payload", () => {
    it("normalises the phone to E.164 and defaults the contact method", () => {
        expect(Web2TextLead.parse(web2text)).toMatchObject({
            PhoneNumber: "+13125550123",
            PreferredMethodOfContact: "text",
        });
    });

    it("drops unknown keys and keeps extra product keys", () => {
        const parsed = Web2TextLead.parse({
            ...web2text,
            Surprise: 1,
            AssociatedProductInfo: { Brand: "B", Product: "P", Variant: "V", Sku: "123" },
        });
        expect(parsed).not.toHaveProperty("Surprise");
        expect(parsed.AssociatedProductInfo).toMatchObject({ Sku: "123" });
    });

    it.each([
        ["LocationId", { LocationId: "nope" }],
        ["PageUrl", { PageUrl: "ftp://x" }],
        ["IPAddress", { IPAddress: "999.1.1.1" }],
        ["Name", { Name: "" }],
        ["PhoneNumber", { PhoneNumber: "12" }],
        ["PreferredMethodOfContact", { PreferredMethodOfContact: "email" }],
        ["CustomerMessage", { CustomerMessage: "" }],
        ["AssociatedProductInfo.Brand", { AssociatedProductInfo: { Product: "P", Variant: "V" } }],
        ["Traffic.Source", { Traffic: { Source: 5 } }],
        ["BotpressConversationId", { BotpressConversationId: "" }],
    ])("rejects a bad %s and names it", (field, patch) => {
        expect(problems(Web2TextLead, { ...web2text, ...patch })).toContain(`${field}:`);
    });

    it.each(["LocationId", "PageUrl", "Name", "PhoneNumber", "CustomerMessage"])("requires %s", (field) => {
        const { [field as keyof typeof web2text]: _removed, ...rest } = web2text;
        expect(problems(Web2TextLead, rest)).toContain(`${field}:`);
    });

    it("limits the raw PageUrl, whitespace included, and trims what it keeps", () => {
        const padded = `https://x.example/${" ".repeat(3000)}`;
        expect(problems(Web2TextLead, { ...web2text, PageUrl: padded })).toContain("PageUrl: must be at most 2048");
        expect(Web2TextLead.parse({ ...web2text, PageUrl: " https://x.example/a " }).PageUrl).toBe(
            "https://x.example/a",
        );
    });

    it("accepts IPv4 and IPv6 addresses", () => {
        expect(Web2TextLead.safeParse({ ...web2text, IPAddress: "10.0.0.1" }).success).toBe(true);
        expect(Web2TextLead.safeParse({ ...web2text, IPAddress: "::1" }).success).toBe(true);
    });
});

describe("ACTON lead payload", () => {
    it("keeps unknown fields such as listId", () => {
        expect(ActOnLead.parse({ ...acton, listId: "l-1", "my-field": "x" })).toMatchObject({
            listId: "l-1",
            "my-field": "x",
        });
    });

    it.each(["First Name", "Last Name", "E-mail Address", "Home Postal Code", "preferred_location"])(
        "requires %s",
        (field) => {
            const { [field as keyof typeof acton]: _removed, ...rest } = acton;
            expect(problems(ActOnLead, rest)).toContain(`${field}:`);
        },
    );

    it("requires a real e-mail address and strings in the named fields", () => {
        expect(problems(ActOnLead, { ...acton, "E-mail Address": "robin" })).toContain(
            "E-mail Address: must be an e-mail address",
        );
        expect(problems(ActOnLead, { ...acton, notes: 5 })).toContain("notes:");
    });

    it("keeps a form's own fields whatever JSON value they hold, as the production system did", () => {
        const extras = { visits: 3, score: 4.5, optedIn: false, rooms: ["kitchen"], utm: { source: "ad" }, gone: null };
        expect(ActOnLead.parse({ ...acton, ...extras })).toEqual({ ...acton, ...extras });
    });

    it("limits the whole lead to 64 KB as JSON, not each field", () => {
        const half = "x".repeat(30 * 1024);
        expect(problems(ActOnLead, { ...acton, a: half, b: [half] })).toBe("");
        const big = { ...acton, a: half, b: [half], c: { d: half } };
        expect(problems(ActOnLead, big)).toBe("must be at most 64 KB as JSON");
        const request = { UniversalRetailerId: "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01", LeadType: "ACTON", Lead: big };
        expect(problems(CreateLeadRequest, request)).toBe("Lead: must be at most 64 KB as JSON");
    });

    it("limits how deeply an extra field nests (DynamoDB stores at most 32 levels)", () => {
        const nest = (levels: number): unknown => (levels === 0 ? "leaf" : { n: nest(levels - 1) });
        expect(problems(ActOnLead, { ...acton, extra: nest(16) })).toBe("");
        expect(problems(ActOnLead, { ...acton, extra: nest(17) })).toBe("extra: must be nested at most 16 levels deep");
    });
});

describe("create request", () => {
    const base = { UniversalRetailerId: "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01" };

    it("defaults SchemaVersion and SyncImmediately", () => {
        expect(CreateLeadRequest.parse({ ...base, LeadType: "ACTON", Lead: acton })).toMatchObject({
            SchemaVersion: "2.0.0",
            SyncImmediately: true,
        });
    });

    it("discriminates on LeadType", () => {
        expect(problems(CreateLeadRequest, { ...base, LeadType: "FAX", Lead: acton })).toContain("LeadType:");
        expect(problems(CreateLeadRequest, { ...base, Lead: acton })).toContain("LeadType:");
        expect(problems(CreateLeadRequest, { ...base, LeadType: "WEB2TEXT", Lead: acton })).toContain(
            "Lead.LocationId:",
        );
    });

    it("names every failing field at once", () => {
        const message = problems(CreateLeadRequest, {
            LeadType: "WEB2TEXT",
            UniversalRetailerId: "x",
            SyncImmediately: "yes",
            Lead: { ...web2text, PhoneNumber: "abc" },
        });
        expect(message).toContain("UniversalRetailerId:");
        expect(message).toContain("SyncImmediately:");
        expect(message).toContain("Lead.PhoneNumber: is not a valid phone number");
    });

    it("takes ReplaceOpenLead as a boolean for WEB2TEXT only", () => {
        const w2t = { ...base, LeadType: "WEB2TEXT", Lead: web2text };
        expect(CreateLeadRequest.parse({ ...w2t, ReplaceOpenLead: true })).toMatchObject({ ReplaceOpenLead: true });
        expect(CreateLeadRequest.parse(w2t)).not.toHaveProperty("ReplaceOpenLead", true);
        expect(problems(CreateLeadRequest, { ...w2t, ReplaceOpenLead: "yes" })).toBe(
            "ReplaceOpenLead: must be true or false",
        );
        const actOn = { ...base, LeadType: "ACTON", Lead: acton };
        expect(problems(CreateLeadRequest, { ...actOn, ReplaceOpenLead: true })).toBe(
            "ReplaceOpenLead: is accepted only for WEB2TEXT leads",
        );
        expect(problems(CreateLeadRequest, { ...actOn, ReplaceOpenLead: false })).toBe(
            "ReplaceOpenLead: is accepted only for WEB2TEXT leads",
        );
        expect(problems(CreateLeadRequest, actOn)).toBe("");
    });
});
