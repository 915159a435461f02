import { NonEmptyString } from "common";
import { z } from "zod";
import { leadTypeSchemas } from "../../lead-schemas";

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

/**
 * The ACTON lead payload: an ActOn form post. Unknown keys are kept (forms add their own fields), but every
 * value must be a string, and `listId` names the ActOn list the contact is added to.
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
    .catchall(z.string().max(10_000, "must be at most 10000 characters"));
export type ActOnLead = z.output<typeof ActOnLead>;

/** The create request and the stored lead of an ACTON lead. */
export const actOnSchemas = leadTypeSchemas("ACTON", ActOnLead);
export type ActOnCreateRequest = z.output<typeof actOnSchemas.request>;
export type ActOnSubmittedLead = z.output<typeof actOnSchemas.submitted>;
