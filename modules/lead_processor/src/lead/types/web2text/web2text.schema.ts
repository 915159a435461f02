import { NonEmptyString, PhoneNumber, Uuid } from "common";
import { z } from "zod";
import { leadTypeSchemas, ReplaceOpenLeadAccepted } from "../../lead-schemas";

/** The WEB2TEXT lead payload, field for field as the website widget sends it. Unknown keys are dropped. */
export const Web2TextLead = z.object({
    /** Nexus location id of the store the customer wrote to. */
    LocationId: Uuid,
    /** The page the customer was on. */
    /** The length limit applies to the raw value: the URL check trims surrounding whitespace. */
    PageUrl: z
        .string()
        .max(2048, "must be at most 2048 characters")
        .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })),
    IPAddress: z.union([z.ipv4(), z.ipv6()], { error: "must be an IPv4 or IPv6 address" }).optional(),
    Name: NonEmptyString.max(200),
    /** Customer phone, any common notation (US default), stored as E.164. */
    PhoneNumber: PhoneNumber,
    PreferredMethodOfContact: z.enum(["phone", "text"]).default("text"),
    CustomerMessage: NonEmptyString.max(5000),
    AssociatedProductInfo: z
        .looseObject({
            Brand: NonEmptyString.max(200),
            Product: NonEmptyString.max(200),
            Variant: NonEmptyString.max(200),
        })
        .optional(),
    /** Marketing attribution, stored only. */
    Traffic: z
        .object({
            Source: z.string().max(500).optional(),
            Medium: z.string().max(500).optional(),
            Campaign: z.string().max(500).optional(),
            Content: z.string().max(500).optional(),
            Term: z.string().max(500).optional(),
            Type: z.string().max(500).optional(),
        })
        .optional(),
    /** Set when the customer talked to the Botpress chatbot first; enables the Botpress integration. */
    BotpressConversationId: z.string().min(1).max(200).optional(),
});
export type Web2TextLead = z.output<typeof Web2TextLead>;

/** The create request and the stored lead of a WEB2TEXT lead (kept in the open-lead index while open). */
export const web2TextSchemas = leadTypeSchemas("WEB2TEXT", Web2TextLead, ReplaceOpenLeadAccepted);
export type Web2TextCreateRequest = z.output<typeof web2TextSchemas.request>;
export type Web2TextSubmittedLead = z.output<typeof web2TextSchemas.submitted>;
