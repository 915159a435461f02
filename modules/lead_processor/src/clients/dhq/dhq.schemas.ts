import { z } from "zod";

/** A custom field of a store inquiry (kept on the DHQ lead, hidden from the dealer when not displayable). */
export interface DhqCustomField {
    name: string;
    value: string;
    displayable: boolean;
}

/** Body of `POST /retailer/rest/{universalRetailerId}/store_inquiries`. */
export interface DhqStoreInquiry {
    occurred_at: string;
    store_address?: string | undefined;
    universal_store_id: string;
    traffic: { source: string; medium: string; campaign: string };
    inquiry: {
        contact_method: "cys_inquiry" | "kiosk";
        email: string;
        external_id: string;
        message: string;
        name: string;
        page_url: string;
        phone_number: string;
        preferred_location?: string | undefined;
        product?: { brand: string; name: string; color: string } | undefined;
    };
    custom_fields: DhqCustomField[];
}

/** Body of `POST /retailer/rest/leads/{id}/comments`: Markdown text and the posting user's id. */
export interface DhqComment {
    body: string;
    author_id: number;
}

/** What DealerHQ answers to a store inquiry. */
export const DhqInquiryResponse = z.looseObject({
    status: z.string(),
    data: z
        .looseObject({
            store_inquiry: z.looseObject({}).nullish(),
            lead: z.looseObject({ id: z.union([z.string().min(1), z.number()]).transform(String) }).nullish(),
        })
        .nullish(),
    errors: z.unknown().optional(),
});

/** What DealerHQ answers to a comment; only `status` is read. */
export const DhqCommentResponse = z
    .looseObject({ status: z.string().optional(), errors: z.unknown().optional() })
    .optional();

/** A store inquiry DealerHQ accepted. */
export interface DhqSubmittedInquiry {
    /** The DealerHQ lead the inquiry created or joined. */
    leadId: string;
}
