import { JsonValue, NonEmptyString } from "common";
import { z } from "zod";
import { leadTypeSchemas, ReplaceOpenLeadRefused } from "../../lead-schemas";

const OPTIONAL_FIELDS = [
    "ao_a",
    "ao_f",
    "ao_d",
    "ao_p",
    "ao_jstzo",
    "ao_cuid",
    "ao_srcid",
    "ao_bot",
    "ao_camp",
    "Home Phone",
    "dealername",
    "dealermhwkacct",
    "dealerurl",
    "dealerfrom",
    "dealerlogo",
    "dealeraddr",
    "dealeraddrline",
    "dealerphone",
    "dealerfacebook",
    "dealertwitter",
    "dealeryoutube",
    "dealergooglep",
    "dealerlinkedin",
    "dealerinstagram",
    "dealerpinterest",
    "omnifycampaign",
    "tags",
    "formname",
    "promotion",
    "source",
    "foreignid",
    "dealerzip",
    "storelocation",
    "formcategory",
    "sourcedetail",
    "sourceurl",
    "dealercity",
    "dealerstate",
    "traffic-type",
    "traffic-medium",
    "traffic-source",
    "traffic-term",
    "traffic-content",
    "traffic-campaign",
    "floorlytics-blob",
    "notes",
    "comments",
    "optin",
    "ao_form_neg_cap",
] as const;

const optionalFields = Object.fromEntries(OPTIONAL_FIELDS.map((name) => [name, z.string().max(10_000).optional()])) as {
    [K in (typeof OPTIONAL_FIELDS)[number]]: z.ZodOptional<z.ZodString>;
};

/** Most bytes the whole `Lead` object of an ACTON lead may take as JSON (the request body limit is 256 KB). */
export const MAX_ACTON_LEAD_BYTES = 64 * 1024;
/** Deepest nesting of an extra field's value (DynamoDB refuses items nested deeper than 32 levels). */
export const MAX_ACTON_FIELD_DEPTH = 16;

/** Nesting depth of a JSON value: 0 for a scalar, 1 for a flat array or object. */
function depth(value: JsonValue): number {
    if (value === null || typeof value !== "object") return 0;
    const children: JsonValue[] = Array.isArray(value) ? value : Object.values(value);
    return 1 + children.reduce<number>((deepest, child) => Math.max(deepest, depth(child)), 0);
}

/**
 * The ACTON lead payload: an ActOn form post. The named fields are strings; unknown keys are kept whatever
 * JSON value they hold (forms add their own fields: numbers, booleans, lists, objects), nested at most
 * {@link MAX_ACTON_FIELD_DEPTH} levels, and the whole object is at most {@link MAX_ACTON_LEAD_BYTES} as JSON.
 * `listId` names the ActOn list the contact is added to.
 */
export const ActOnLead = z
    .object({
        "First Name": NonEmptyString.max(200),
        "Last Name": NonEmptyString.max(200),
        "E-mail Address": z.email("must be an e-mail address").max(320),
        "Home Postal Code": NonEmptyString.max(20),
        preferred_location: NonEmptyString.max(500),
        listId: z.string().min(1).max(100).optional(),
        ...optionalFields,
    })
    .catchall(
        JsonValue.refine(
            (value) => depth(value) <= MAX_ACTON_FIELD_DEPTH,
            `must be nested at most ${MAX_ACTON_FIELD_DEPTH} levels deep`,
        ),
    )
    .refine(
        (lead) => Buffer.byteLength(JSON.stringify(lead)) <= MAX_ACTON_LEAD_BYTES,
        `must be at most ${MAX_ACTON_LEAD_BYTES / 1024} KB as JSON`,
    );
export type ActOnLead = z.output<typeof ActOnLead>;

/** The create request and the stored lead of an ACTON lead. */
export const actOnSchemas = leadTypeSchemas("ACTON", ActOnLead, ReplaceOpenLeadRefused);
export type ActOnCreateRequest = z.output<typeof actOnSchemas.request>;
export type ActOnSubmittedLead = z.output<typeof actOnSchemas.submitted>;
