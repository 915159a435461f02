import { retailerFor } from "sandbox";
import { describe, expect, it } from "vitest";
import { call } from "../../support/api";
import { leadItem, seedOptOut } from "../../support/dynamo";
import { actOnRequest, customerPhone, web2TextRequest } from "../../support/factories";
import { leadStateKeys } from "../../support/sandbox";

const create = (id: string, body: unknown) => call<{ message: string }>(`/Lead/${id}/create`, { body });

/** Creates with `body`, expects 400 with exactly `message`, and checks nothing was stored. */
async function rejected(body: unknown, message: string) {
    const id = crypto.randomUUID();
    const res = await create(id, body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.message).toBe(message);
    expect(await leadItem(id)).toBeUndefined();
    expect(await leadStateKeys(id)).toEqual([]);
    return id;
}

const location = (scenario: Parameters<typeof retailerFor>[0]) => {
    const retailer = retailerFor(scenario);
    return { UniversalRetailerId: retailer.UniversalRetailerId, Lead: { LocationId: retailer.locations[0]?.id } };
};

describe.concurrent("Lead errors", () => {
    it.each(["status", "create", "sync", "close"])(
        "refuses a Lead ID that is not a UUID (%s → 400)",
        async (handler) => {
            const res = await call<{ message: string }>(`/Lead/not-a-uuid/${handler}`, {
                method: handler === "status" ? "GET" : "POST",
                ...(handler === "create" ? { body: actOnRequest() } : {}),
            });
            expect(res.status).toBe(400);
            expect(res.body.message).toBe("Lead ID is not a valid UUIDv4");
        },
    );

    it("accepts a Lead ID with any version and variant digits, as the production system did", async () => {
        const id = `${crypto.randomUUID().slice(0, 8)}-2222-3333-4444-555555555555`;
        const res = await create(id, actOnRequest());
        expect(res.status, res.text).toBe(200);
        expect(await leadItem(id)).toMatchObject({ LeadId: id, Status: "ACTIVE" });
    });

    it("refuses a body that is not JSON, an empty body and a body over 256 KB", async () => {
        const notJson = await create(crypto.randomUUID(), "{not json");
        expect(notJson.status).toBe(400);
        expect(notJson.body.message).toMatch(/^Request could not be parsed - body is not valid JSON/);
        const empty = await call<{ message: string }>(`/Lead/${crypto.randomUUID()}/create`, {});
        expect(empty.status).toBe(400);
        expect(empty.body.message).toMatch(/^Request could not be parsed - /);
        const huge = await create(crypto.randomUUID(), actOnRequest({ Lead: { notes: "x".repeat(300 * 1024) } }));
        expect(huge.status).toBe(413);
    });

    it.each<[string, Record<string, unknown>, string]>([
        [
            "an unknown retailer",
            { UniversalRetailerId: crypto.randomUUID() },
            "Retailer is NONEXISTANT - Could not find client with this UniversalRetailerId in Nexus",
        ],
        ["a churned retailer", location("churned"), "Retailer is INVALID - Retailer is a churned customer"],
        [
            "a retailer opted out of Web2Text",
            location("opted-out"),
            "Retailer is INVALID - Retailer is opted out of Web2Text",
        ],
        [
            "an unknown location",
            { Lead: { LocationId: "00000000-0000-0000-0000-000000000000" } },
            "Location is NONEXISTANT - Could not find location with this Id in Nexus",
        ],
        [
            "a location whose Web2Text number does not parse",
            location("invalid-number"),
            "Location is INVALID - Location's phone number cannot be parsed: 'invalid'",
        ],
        [
            "a customer on a landline",
            { Lead: { PhoneNumber: "+13125550177" } },
            "Phone Number is INVALID - Customer phone number has line type 'landline', which cannot receive text messages",
        ],
        [
            "a number Twilio calls invalid",
            { Lead: { PhoneNumber: "+13125550178" } },
            "Phone Number is INVALID - Customer phone number is not a valid phone number (INVALID_BUT_POSSIBLE)",
        ],
        [
            "a customer writing from the store's number",
            { Lead: { PhoneNumber: "(312) 555-0142" } },
            "Phone Number is INVALID - Customer phone number is the same as the store's phone number",
        ],
    ])("rejects a WEB2TEXT lead for %s (400, nothing stored)", async (_name, patch, message) => {
        const { Lead, ...top } = patch;
        const base = web2TextRequest();
        await rejected({ ...base, ...top, Lead: { ...base.Lead, ...(Lead as object) } }, message);
    });

    it("rejects a customer who opted out of our number pool", async () => {
        const phone = "+16305550188";
        await seedOptOut(phone);
        await rejected(
            web2TextRequest({ Lead: { PhoneNumber: phone } }),
            "Phone Number is INVALID - Customer phone number has opted-out from our text messaging pool",
        );
    });

    it("accepts a lead for a location that shares its Web2Text number with another retailer's", async () => {
        const res = await create(crypto.randomUUID(), {
            ...web2TextRequest(),
            ...location("shared-number"),
            Lead: { ...web2TextRequest().Lead, ...location("shared-number").Lead },
        });
        expect(res.status, res.text).toBe(200);
    });

    it("refuses an ACTON lead over 64 KB as a whole, though no field is large", async () => {
        const fields = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`field${i}`, "x".repeat(1024)]));
        await rejected(
            actOnRequest({ Lead: fields }),
            "Request could not be parsed - Lead: must be at most 64 KB as JSON",
        );
    });

    it("lets a rejected Lead ID be created later", async () => {
        const id = await rejected(
            actOnRequest({ Lead: { "E-mail Address": "nope" } }),
            "Request could not be parsed - Lead.E-mail Address: must be an e-mail address",
        );
        const retry = await create(id, actOnRequest());
        expect(retry.status, retry.text).toBe(200);
    });

    it("refuses a duplicate create with 409 and keeps the first lead", async () => {
        const id = crypto.randomUUID();
        const first = await create(id, actOnRequest());
        expect(first.status).toBe(200);
        const second = await create(id, actOnRequest({ Lead: { "First Name": "Other" } }));
        expect(second.status).toBe(409);
        expect(second.body.message).toBe(`Lead ID '${id}' doesn't exist or is in incorrect status 'ACTIVE'`);
        expect(await leadItem(id)).toEqual(first.body);
    });

    it.each(["sync", "close"])("refuses %s of an unknown lead with 409", async (handler) => {
        const id = crypto.randomUUID();
        const res = await call<{ message: string }>(`/Lead/${id}/${handler}`, { body: {} });
        expect(res.status).toBe(409);
        expect(res.body.message).toBe(`Lead ID '${id}' doesn't exist or is in incorrect status 'NONEXISTANT'`);
    });

    it("refuses a close body with a malformed reason", async () => {
        const id = crypto.randomUUID();
        expect((await create(id, actOnRequest())).status).toBe(200);
        const res = await call<{ message: string }>(`/Lead/${id}/close`, { body: { reason: 5 } });
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(/^Request could not be parsed - reason: /);
    });

    it("normalises a customer number given in national notation", async () => {
        const phone = customerPhone();
        const res = await create(crypto.randomUUID(), web2TextRequest({ Lead: { PhoneNumber: phone.slice(2) } }));
        expect(res.status, res.text).toBe(200);
        expect(res.body).toMatchObject({ Lead: { PhoneNumber: phone } });
    });
});
