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

/** DealerHQ: store inquiries (which create DHQ leads) and lead comments. */
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

    /** Submits a store inquiry for a retailer; a `failure` status fails as `rejected`. */
    async submitInquiry(universalRetailerId: string, body: DhqStoreInquiry): Promise<DhqSubmittedInquiry> {
        const path = `/retailer/rest/${encodeURIComponent(universalRetailerId)}/store_inquiries`;
        const res = await this.http.requestParsed("POST", path, { json: body, schema: DhqInquiryResponse });
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

    /** Adds a comment to a DHQ lead. */
    async postComment(dhqLeadId: string, comment: DhqComment): Promise<void> {
        const path = `/retailer/rest/leads/${encodeURIComponent(dhqLeadId)}/comments`;
        const res = await this.http.request("POST", path, { json: { comment }, schema: DhqCommentResponse });
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
