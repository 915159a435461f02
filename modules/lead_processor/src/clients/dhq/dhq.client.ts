import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorError, VendorHttp } from "../http";
import {
    type DhqComment,
    DhqCommentResponse,
    DhqInquiryResponse,
    type DhqStoreInquiry,
    type DhqSubmittedInquiry,
} from "./dhq.schemas";

const VENDOR = "DHQ";

export interface DhqClientSettings {
    baseUrl: string;
    apiKey: string;
    timeoutMs?: number;
    fetch?: FetchFn;
}

/**
 * DealerHQ: store inquiries (which create DHQ leads) and lead comments.
 *
 * Both carry an `Idempotency-Key` chosen by the caller (stable across retries and replays), so a vendor that
 * honours it answers a repeat with the first answer instead of creating a second lead or comment; the sandbox
 * stand-in does. DealerHQ does not document the header. Its inquiry also carries the lead's id as
 * `external_id`, but no lookup by it is documented either, so against the real DealerHQ a repeat after a lost
 * answer may still add a second inquiry or comment: these calls stay at-least-once there.
 */
export class DhqClient {
    private readonly http: VendorHttp;

    constructor(settings: DhqClientSettings) {
        this.http = new VendorHttp({
            vendor: VENDOR,
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 30_000,
            headers: () => ({ authorization: `Bearer ${settings.apiKey}` }),
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
        });
    }

    /** Builds the client from the lead processor's settings. */
    static fromConfig(config: LeadProcessorConfig): DhqClient {
        return new DhqClient({ baseUrl: config.DHQ_API_URL, apiKey: config.DHQ_API_KEY });
    }

    /**
     * Submits a store inquiry for a retailer; a `failure` status fails as `rejected`. `idempotencyKey` is sent
     * as `Idempotency-Key`.
     */
    async submitInquiry(
        universalRetailerId: string,
        body: DhqStoreInquiry,
        idempotencyKey: string,
    ): Promise<DhqSubmittedInquiry> {
        const path = `/retailer/rest/${encodeURIComponent(universalRetailerId)}/store_inquiries`;
        const res = await this.http.requestParsed("POST", path, {
            json: body,
            headers: { "idempotency-key": idempotencyKey },
            schema: DhqInquiryResponse,
        });
        if (res.status !== "success") {
            throw new VendorError(
                VENDOR,
                "rejected",
                `store inquiry failed: ${JSON.stringify(res.errors ?? res.status)}`,
                undefined,
                JSON.stringify(res),
            );
        }
        const leadId = res.data?.lead?.id;
        if (!leadId) throw new VendorError(VENDOR, "invalid-response", "store inquiry succeeded without a lead id");
        return { leadId };
    }

    /** Adds a comment to a DHQ lead; `idempotencyKey` is sent as `Idempotency-Key`. */
    async postComment(dhqLeadId: string, comment: DhqComment, idempotencyKey: string): Promise<void> {
        const path = `/retailer/rest/leads/${encodeURIComponent(dhqLeadId)}/comments`;
        const res = await this.http.request("POST", path, {
            json: { comment },
            headers: { "idempotency-key": idempotencyKey },
            schema: DhqCommentResponse,
        });
        if (res?.status !== undefined && res.status !== "success") {
            throw new VendorError(
                VENDOR,
                "rejected",
                `comment was not added: ${JSON.stringify(res.errors ?? res.status)}`,
                undefined,
                JSON.stringify(res),
            );
        }
    }
}
