import { z } from "zod";
import seedJson from "./seed.json";

const Location = z.object({
    id: z.uuid(),
    universal_id: z.uuid(),
    location_name: z.string(),
    street_address: z.string(),
    city: z.string(),
    state_province: z.string(),
    zip_code: z.string(),
    country: z.string(),
    store_phone_number: z.string(),
    call_tracking_number: z.string(),
    Web2Text_Phone_Number: z.string(),
    /** Day → hours as Nexus writes them ("9:00 AM - 6:00 PM", "Closed", split "… , …"); null: none in Nexus. */
    hours_of_operation: z.record(z.string(), z.string()).nullable(),
    latitude: z.number(),
    longitude: z.number(),
});

const Retailer = z.object({
    scenario: z.enum(["valid", "churned", "opted-out", "invalid-number", "shared-number"]),
    UniversalRetailerId: z.uuid(),
    name: z.string(),
    status: z.enum(["Customer", "Churned_Customer"]),
    website_url: z.string(),
    rlm_api_key: z.string(),
    subscriptions: z.array(z.object({ status: z.string(), web2text_opt_out: z.boolean() })),
    locations: z.array(Location),
});

/** The sandbox's seeded demo data; the dev stack, e2e tests and benchmarks all use it. */
export const Seed = z.object({
    description: z.string(),
    twilio: z.object({
        accountSid: z.string(),
        authToken: z.string(),
        messagingServiceSid: z.string(),
        chatServiceSid: z.string(),
        pool: z.array(z.string()),
    }),
    /**
     * Nexus credentials: HTTP Basic for the old API; the name of the Secrets Manager secret holding the Cognito
     * app client of AWS Nexus, and that client (the secret's content).
     */
    nexus: z.object({
        username: z.string(),
        password: z.string(),
        awsSecretName: z.string(),
        cognito: z.object({
            userPoolDomainName: z.string(),
            userPoolRegion: z.string(),
            clientId: z.string(),
            clientSecret: z.string(),
        }),
    }),
    /** The IAM key pair (and region) the Secrets Manager stand-in accepts. */
    aws: z.object({ accessKeyId: z.string(), secretAccessKey: z.string(), region: z.string() }),
    retailers: z.array(Retailer),
    lookup: z.record(z.string(), z.object({ valid: z.boolean(), type: z.string().nullable() })),
});
export type Seed = z.infer<typeof Seed>;
export type SeedRetailer = z.infer<typeof Retailer>;
export type SeedLocation = z.infer<typeof Location>;

export const seed: Seed = Seed.parse(seedJson);

/** The first seeded retailer of a scenario (tests use it to pick data by meaning, not by id). */
export function retailerFor(scenario: SeedRetailer["scenario"]): SeedRetailer {
    const found = seed.retailers.find((r) => r.scenario === scenario);
    if (!found) throw new Error(`No seeded retailer for scenario '${scenario}'`);
    return found;
}
