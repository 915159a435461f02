import { z } from "zod";

const text = z.string().nullish();
/** Nexus ids arrive as strings or numbers; we keep them as strings. */
const id = z.union([z.string(), z.number()]).transform(String);
/** A latitude or longitude, as a number or a numeric string; anything else counts as none. */
const coordinate = z
    .union([z.number(), z.string().trim().min(1).pipe(z.coerce.number())])
    .nullish()
    .catch(null);
/**
 * `hours_of_operation`, kept as Nexus sent it: its shape varies (day → text, or that object as a JSON string),
 * so it is read by `lead/store-hours` (which names what it cannot read) instead of failing the whole record.
 */
const hoursOfOperation = z.unknown().optional();

/** A retailer (old Nexus `GET /retailers/{id}`); only the fields the lead processor reads. */
export const NexusRetailer = z.object({
    id,
    name: text,
    /** `Customer` or `Churned_Customer`. */
    status: text,
    website_url: text,
    rlm_api_key: text,
});
export type NexusRetailer = z.output<typeof NexusRetailer>;

/** One subscription of a retailer (old Nexus `GET /retailers/{id}/subscriptions`). */
export const NexusSubscription = z.object({
    status: text,
    web2text_opt_out: z.boolean().nullish(),
});
export type NexusSubscription = z.output<typeof NexusSubscription>;

/** A retailer location (store), as AWS Nexus `GET /nexus/retailerLocations` and `GET /nexus/location` return it. */
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
    hours_of_operation: hoursOfOperation,
    latitude: coordinate,
    longitude: coordinate,
});
export type NexusLocation = z.output<typeof NexusLocation>;

/** Opening hours of one store (`GET /retailers/{id}/stores` on the old Nexus): day → hours as Nexus writes them. */
export const NexusStoreHours = z.object({
    id,
    location_id: text,
    store_name: text,
    hours_of_operation: hoursOfOperation,
});
export type NexusStoreHours = z.output<typeof NexusStoreHours>;

export const NexusSubscriptionList = z.array(NexusSubscription);
export const NexusStoreHoursList = z.array(NexusStoreHours);
/** AWS Nexus wraps every list in `data`. */
export const NexusLocationList = z.object({ data: z.array(NexusLocation) });

/** The Secrets Manager secret (`NEXUS_AWS_API_SECRET_NAME`) holding the Cognito app client of AWS Nexus. */
export const NexusAwsSecret = z.object({
    userPoolDomainName: z.string().min(1),
    userPoolRegion: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
});
export type NexusAwsSecret = z.output<typeof NexusAwsSecret>;

/** What Cognito's `/oauth2/token` answers to a client-credentials grant. */
export const CognitoToken = z.object({
    access_token: z.string().min(1),
    expires_in: z.coerce.number().positive().optional(),
    token_type: z.string().optional(),
});
