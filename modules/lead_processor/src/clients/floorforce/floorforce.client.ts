import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorHttp } from "../http";

export interface FloorForceClientSettings {
    baseUrl: string;
    timeoutMs?: number;
    fetch?: FetchFn;
}

/** FloorForce web API: receives ActOn form posts. */
export class FloorForceClient {
    private readonly http: VendorHttp;

    constructor(settings: FloorForceClientSettings) {
        this.http = new VendorHttp({
            vendor: "FloorForce",
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 15_000,
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
        });
    }

    /** Builds the client from the lead processor's settings. */
    static fromConfig(config: LeadProcessorConfig): FloorForceClient {
        return new FloorForceClient({ baseUrl: config.FF_API_URL });
    }

    /** Posts a form (url-encoded); only HTTP 200 counts as accepted, any other 2xx fails as `invalid-response`. */
    async postForm(fields: Record<string, string>): Promise<void> {
        await this.http.request("POST", "/external/postactonformdata", { form: fields, okStatuses: [200] });
    }
}
