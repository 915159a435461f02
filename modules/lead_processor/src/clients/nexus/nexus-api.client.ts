import { VendorHttp, type VendorTransport } from "../http";
import {
    NexusRetailer,
    type NexusStoreHours,
    NexusStoreHoursList,
    type NexusSubscription,
    NexusSubscriptionList,
} from "./nexus.types";

export interface NexusApiSettings extends VendorTransport {
    /** `NEXUS_API_URL`: base URL of the old Nexus API (paths are appended to it). */
    baseUrl: string;
    /** `NEXUS_API_USERNAME` / `NEXUS_API_PASSWORD`, sent as HTTP Basic auth. */
    username: string;
    password: string;
}

/** The store-hours read is slow on the old Nexus; the original gave it 20 s. */
const STORES_TIMEOUT_MS = 20_000;

/**
 * The old Nexus API (`NEXUS_API_URL`, HTTP Basic): retailers, their subscriptions and their stores' opening
 * hours. Plain HTTP through `VendorHttp`, no retries here: callers wrap each call in a journaled step. "Not
 * found" (404) is `null`; a refused login (401) is a non-retryable `rejected` error naming the settings.
 */
export class NexusApiClient {
    private readonly http: VendorHttp;

    constructor(settings: NexusApiSettings) {
        const basic = Buffer.from(`${settings.username}:${settings.password}`).toString("base64");
        this.http = new VendorHttp({
            vendor: "Nexus",
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 10_000,
            hints: { 401: "check NEXUS_API_USERNAME and NEXUS_API_PASSWORD" },
            headers: () => ({ authorization: `Basic ${basic}` }),
            fetch: settings.fetch,
        });
    }

    /** `GET /retailers/{id}`; null when Nexus does not know the retailer. */
    async getRetailer(retailerId: string): Promise<NexusRetailer | null> {
        const path = `/retailers/${encodeURIComponent(retailerId)}`;
        return (await this.http.request("GET", path, { schema: NexusRetailer, absentOn: [404] })) ?? null;
    }

    /** `GET /retailers/{id}/subscriptions`; null when the retailer is unknown. */
    async getSubscriptions(retailerId: string): Promise<NexusSubscription[] | null> {
        const path = `/retailers/${encodeURIComponent(retailerId)}/subscriptions`;
        return (await this.http.request("GET", path, { schema: NexusSubscriptionList, absentOn: [404] })) ?? null;
    }

    /** `GET /retailers/{id}/stores` (20 s timeout): each store's opening hours; null when the retailer is unknown. */
    async getStoreHours(retailerId: string): Promise<NexusStoreHours[] | null> {
        const path = `/retailers/${encodeURIComponent(retailerId)}/stores`;
        const opts = { schema: NexusStoreHoursList, absentOn: [404], timeoutMs: STORES_TIMEOUT_MS };
        return (await this.http.request("GET", path, opts)) ?? null;
    }
}
