import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorHttp } from "../http";

export interface FloorForceClientSettings {
    baseUrl: string;
    timeoutMs?: number;
    fetch?: FetchFn;
}

/**
 * FloorForce web API: receives ActOn form posts.
 *
 * Each post carries an `Idempotency-Key` chosen by the caller (stable across retries and replays), so a vendor
 * that honours it answers a repeat with the first answer instead of storing the form twice; the sandbox
 * stand-in does. FloorForce does not document the header and has no lookup, so against the real FloorForce a
 * repeat after a lost answer (a timeout, or a crash before Restate journaled the step) can store a second
 * form: the post stays at-least-once there.
 */
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

    /**
     * Posts a form (url-encoded); only HTTP 200 counts as accepted, any other 2xx fails as `invalid-response`.
     * `idempotencyKey` is sent as `Idempotency-Key`.
     */
    async postForm(fields: Record<string, string>, idempotencyKey: string): Promise<void> {
        await this.http.request("POST", "/external/postactonformdata", {
            form: fields,
            headers: { "idempotency-key": idempotencyKey },
            okStatuses: [200],
        });
    }
}
