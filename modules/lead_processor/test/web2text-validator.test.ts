import { describe, expect, it } from "vitest";
import type { NexusDirectory } from "../src/clients/nexus/nexus.client";
import type {
    NexusLocation,
    NexusRetailer,
    NexusStoreHours,
    NexusSubscription,
} from "../src/clients/nexus/nexus.types";
import type { PhoneLookupResult } from "../src/clients/twilio/phone-lookup.client";
import type { DirectoryFacts } from "../src/lead/directory-facts";
import type { Web2TextCreateRequest } from "../src/lead/types/web2text/web2text.schema";
import { validateWeb2TextLead } from "../src/lead/types/web2text/web2text.validator";
import { type Step, validationMessage } from "../src/lead/validation";
import { CHICAGO, STORE_WEEK } from "./store-hours/store-week";

const RETAILER = "6f1c2b0e-2d4a-4c1e-9a51-0d8a4f6b7c01";
const LOCATION = "a1e0c9d2-5b7f-4e3a-8c21-3f9d0b1a2c01";
const CUSTOMER = "+13125550123";
const STORE = "+13125550142";

interface World {
    retailer: NexusRetailer | null;
    subscriptions: NexusSubscription[] | null;
    location: NexusLocation | null;
    /** The old Nexus's store records (with hours), or an error it answers with. */
    stores: NexusStoreHours[] | null | Error;
    optedOut: string[];
    lookups: Record<string, PhoneLookupResult>;
}

const mobile: PhoneLookupResult = { valid: true, validationErrors: [], lineType: "mobile", lineTypeErrorCode: null };

function world(patch: Partial<World> = {}): World {
    return {
        retailer: { id: RETAILER, name: "Prairie Floors", status: "Customer", website_url: null, rlm_api_key: null },
        subscriptions: [{ status: "Live", web2text_opt_out: false }],
        location: {
            id: LOCATION,
            location_name: "Chicago",
            Web2Text_Phone_Number: "(312) 555-0142",
            hours_of_operation: STORE_WEEK,
            ...CHICAGO,
        },
        stores: [],
        optedOut: [],
        lookups: {},
        ...patch,
    };
}

const request: Web2TextCreateRequest = {
    LeadType: "WEB2TEXT",
    SchemaVersion: "2.0.0",
    SyncImmediately: true,
    UniversalRetailerId: RETAILER,
    Lead: {
        LocationId: LOCATION,
        PageUrl: "https://x.example",
        Name: "Dana",
        PhoneNumber: CUSTOMER,
        CustomerMessage: "Hi",
        PreferredMethodOfContact: "text",
    },
};

/** Runs the validator against stubbed Nexus, opt-out table and Lookup; records step names. */
async function validate(w: World, phone = CUSTOMER) {
    const steps: string[] = [];
    const looked: string[] = [];
    const kept: DirectoryFacts[] = [];
    const step: Step = async (name, action) => {
        steps.push(name);
        return action();
    };
    const nexus: NexusDirectory = {
        getRetailer: async () => w.retailer,
        getSubscriptions: async () => w.subscriptions,
        getRetailerLocations: async () => (w.location ? [w.location] : []),
        getLocation: async () => w.location,
        getStoreHours: async () => {
            if (w.stores instanceof Error) throw w.stores;
            return w.stores;
        },
    };
    const result = await validateWeb2TextLead(
        { ...request, Lead: { ...request.Lead, PhoneNumber: phone } },
        step,
        {
            nexus,
            optOuts: { isOptedOut: async (n) => w.optedOut.includes(n) },
            lookup: {
                lookup: async (n) => {
                    looked.push(n);
                    return w.lookups[n] ?? mobile;
                },
            },
        },
        (facts) => kept.push(facts),
    );
    return { result, message: validationMessage(result), steps, looked, kept };
}

describe("Web2Text validation", () => {
    it("passes a valid lead, the remote reads in named steps (one per number checked)", async () => {
        const { result, steps } = await validate(world());
        expect(result).toEqual({ Name: "Web2Text Lead", Status: "VALID" });
        expect(steps).toEqual([
            "Check retailer in Nexus",
            "Fetch location from Nexus",
            `Check opt-out of Web2Text number of location ${LOCATION} and look it up with Twilio`,
            "Check opt-out of customer number and look it up with Twilio",
        ]);
    });

    it.each<[string, Partial<World>, string]>([
        [
            "unknown retailer",
            { retailer: null },
            "Retailer is NONEXISTANT - Could not find client with this UniversalRetailerId in Nexus",
        ],
        [
            "churned retailer",
            { retailer: { id: RETAILER, name: "x", status: "Churned_Customer", website_url: null, rlm_api_key: null } },
            "Retailer is INVALID - Retailer is a churned customer",
        ],
        [
            "live subscription opted out",
            { subscriptions: [{ status: "Live", web2text_opt_out: true }] },
            "Retailer is INVALID - Retailer is opted out of Web2Text",
        ],
        [
            "unknown location",
            { location: null },
            "Location is NONEXISTANT - Could not find location with this Id in Nexus",
        ],
        [
            "location without Web2Text number",
            { location: { id: LOCATION, Web2Text_Phone_Number: "  " } },
            "Location is INVALID - Location does not have a Web2Text phone number",
        ],
        [
            "unparseable Web2Text number",
            { location: { id: LOCATION, Web2Text_Phone_Number: "invalid" } },
            "Location is INVALID - Location's phone number cannot be parsed: 'invalid'",
        ],
        [
            "store number opted out",
            { optedOut: [STORE] },
            "Location is INVALID - Location's Web2Text phone number has opted-out from our text messaging pool",
        ],
        [
            "store number invalid at Twilio",
            { lookups: { [STORE]: { ...mobile, valid: false, validationErrors: ["INVALID_BUT_POSSIBLE"] } } },
            "Location is INVALID - Location's Web2Text phone number is not a valid phone number (INVALID_BUT_POSSIBLE)",
        ],
        [
            "customer opted out",
            { optedOut: [CUSTOMER] },
            "Phone Number is INVALID - Customer phone number has opted-out from our text messaging pool",
        ],
        [
            "customer invalid at Twilio",
            { lookups: { [CUSTOMER]: { ...mobile, valid: false, validationErrors: [] } } },
            "Phone Number is INVALID - Customer phone number is not a valid phone number",
        ],
        [
            "customer on a landline",
            { lookups: { [CUSTOMER]: { ...mobile, lineType: "landline" } } },
            "Phone Number is INVALID - Customer phone number has line type 'landline', which cannot receive text messages",
        ],
    ])("%s", async (_name, patch, message) => {
        expect((await validate(world(patch))).message).toBe(message);
    });

    it("ignores cancelled subscriptions that opted out", async () => {
        const { result } = await validate(world({ subscriptions: [{ status: "Cancelled", web2text_opt_out: true }] }));
        expect(result.Status).toBe("VALID");
    });

    it("treats unknown subscriptions (404) as none", async () => {
        expect((await validate(world({ subscriptions: null }))).result.Status).toBe("VALID");
    });

    it.each(["mobile", "nonFixedVoip", "fixedVoip", "personal"])("accepts the %s line type", async (lineType) => {
        const { result } = await validate(world({ lookups: { [CUSTOMER]: { ...mobile, lineType } } }));
        expect(result.Status).toBe("VALID");
    });

    it("does not ask Twilio about a number that opted out", async () => {
        const { result, looked } = await validate(world({ optedOut: [CUSTOMER] }));
        expect(result.Status).toBe("INVALID");
        expect(looked).not.toContain(CUSTOMER);
    });

    it("hands a valid lead's retailer, store and parsed hours over to be kept, and nothing for a rejected one", async () => {
        const w = world();
        expect((await validate(w)).kept).toEqual([
            {
                retailer: w.retailer,
                location: w.location,
                hours: expect.objectContaining({ known: true, timeZone: "America/Chicago" }),
            },
        ]);
        expect((await validate(world({ optedOut: [CUSTOMER] }))).kept).toEqual([]);
    });

    it("reads the hours from the old Nexus's store record when the location has none", async () => {
        const location = { id: LOCATION, Web2Text_Phone_Number: "(312) 555-0142", ...CHICAGO };
        const stores = [
            { id: "other", hours_of_operation: null },
            { id: LOCATION, hours_of_operation: STORE_WEEK },
        ];
        const { kept, steps } = await validate(world({ location, stores }));
        expect(steps.at(-1)).toBe("Fetch store hours from Nexus");
        expect(kept[0]?.hours).toMatchObject({ known: true, timeZone: "America/Chicago" });
        expect(kept[0]?.hours).toEqual((await validate(world())).kept[0]?.hours);
    });

    it.each<[string, Partial<World>, string]>([
        ["neither API has hours", { stores: [{ id: LOCATION, hours_of_operation: null }] }, "no hours of operation"],
        ["the old Nexus fails", { stores: new Error("Nexus answered 502") }, "could not be read: Nexus answered 502"],
    ])("keeps unknown hours and still passes the lead when %s", async (_, patch, reason) => {
        const location = { id: LOCATION, Web2Text_Phone_Number: "(312) 555-0142", ...CHICAGO };
        const { result, kept } = await validate(world({ location, ...patch }));
        expect(result.Status).toBe("VALID");
        expect(kept[0]?.hours).toEqual({ known: false, reason: expect.stringContaining(reason) });
    });

    it("accepts a number whose line type Twilio could not tell", async () => {
        const { result } = await validate(world({ lookups: { [CUSTOMER]: { ...mobile, lineType: null } } }));
        expect(result.Status).toBe("VALID");
    });

    it("rejects a customer writing from the store's own number, before any customer lookup", async () => {
        const { message, steps } = await validate(world(), STORE);
        expect(message).toBe("Phone Number is INVALID - Customer phone number is the same as the store's phone number");
        expect(steps).not.toContain("Check opt-out of customer number and look it up with Twilio");
    });

    it("stops at the first failure", async () => {
        const { steps } = await validate(world({ retailer: null }));
        expect(steps).toEqual(["Check retailer in Nexus"]);
    });
});
