import { z } from "zod";

const text = z.string().nullish();
/** Nexus ids arrive as strings or numbers; we keep them as strings. */
const id = z.union([z.string(), z.number()]).transform(String);

/** A retailer (`GET /retailers/{id}`); only the fields the lead processor reads. */
export const NexusRetailer = z.object({
    id,
    name: text,
    /** `Customer` or `Churned_Customer`. */
    status: text,
    website_url: text,
    rlm_api_key: text,
});
export type NexusRetailer = z.output<typeof NexusRetailer>;

/** One subscription of a retailer (`GET /retailers/{id}/subscriptions`). */
export const NexusSubscription = z.object({
    status: text,
    web2text_opt_out: z.boolean().nullish(),
});
export type NexusSubscription = z.output<typeof NexusSubscription>;

/** A retailer location (store), as `GET /retailerLocations` and `GET /location` return it. */
export const NexusLocation = z.object({
    id,
    location_id: text,
    universal_id: text,
    location_name: text,
    store_name: text,
    street_address: text,
    city: text,
    state_province: text,
    zip_code: text,
    country: text,
    store_phone_number: text,
    call_tracking_number: text,
    Web2Text_Phone_Number: text,
    retailer_id: text,
    retailer_account_name: text,
});
export type NexusLocation = z.output<typeof NexusLocation>;

export const NexusSubscriptionList = z.array(NexusSubscription);
export const NexusLocationList = z.object({ data: z.array(NexusLocation) });

/** The client-credentials token response. */
export const NexusToken = z.object({
    access_token: z.string().min(1),
    expires_in: z.coerce.number().positive().default(3600),
});
