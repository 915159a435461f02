import type { z } from "zod";
import { type RequestOptions, VendorError, VendorHttp } from "../http";
import {
    type NexusLocation,
    NexusLocationList,
    NexusRetailer,
    type NexusSubscription,
    NexusSubscriptionList,
} from "./nexus.types";
import { type NexusCredentials, NexusTokenProvider } from "./nexus-token";

export interface NexusSettings extends NexusCredentials {
    /** Base URL of the Nexus API (paths are appended to it). */
    apiUrl: string;
    timeoutMs?: number;
    fetch?: typeof fetch;
}

/** The Nexus reads the lead processor needs; validators and the Dealer report depend on this, not the class. */
export interface NexusDirectory {
    getRetailer(retailerId: string): Promise<NexusRetailer | null>;
    getSubscriptions(retailerId: string): Promise<NexusSubscription[] | null>;
    getRetailerLocations(retailerId: string): Promise<NexusLocation[] | null>;
    getLocation(locationId: string): Promise<NexusLocation | null>;
}

/**
 * Client for Nexus, the retailer master data. Plain HTTP through `VendorHttp` (typed failures, timeouts), no
 * Restate: callers wrap each call in a journaled step. "Not found" is `null`.
 */
export class NexusClient implements NexusDirectory {
    private readonly http: VendorHttp;
    private readonly tokens: NexusTokenProvider;

    constructor(settings: NexusSettings) {
        const transport = {
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
            timeoutMs: settings.timeoutMs ?? 10_000,
        };
        this.http = new VendorHttp({ vendor: "Nexus", baseUrl: settings.apiUrl, ...transport });
        this.tokens = new NexusTokenProvider(settings, transport);
    }

    /** `GET /retailers/{id}`; null when Nexus does not know the retailer. */
    async getRetailer(retailerId: string): Promise<NexusRetailer | null> {
        const path = `/retailers/${encodeURIComponent(retailerId)}`;
        return (await this.get(path, { schema: NexusRetailer, absentOn: [404] })) ?? null;
    }

    /** `GET /retailers/{id}/subscriptions`; null when the retailer is unknown. */
    async getSubscriptions(retailerId: string): Promise<NexusSubscription[] | null> {
        const path = `/retailers/${encodeURIComponent(retailerId)}/subscriptions`;
        return (await this.get(path, { schema: NexusSubscriptionList, absentOn: [404] })) ?? null;
    }

    /** `GET /retailerLocations?retailer_id=`; null when the retailer is unknown. */
    async getRetailerLocations(retailerId: string): Promise<NexusLocation[] | null> {
        const query = { retailer_id: retailerId };
        const body = await this.get("/retailerLocations", { query, schema: NexusLocationList, absentOn: [404] });
        return body?.data ?? null;
    }

    /** `GET /location?location_id=`; the first element of `data`, or null when there is none. */
    async getLocation(locationId: string): Promise<NexusLocation | null> {
        const query = { location_id: locationId };
        const body = await this.get("/location", { query, schema: NexusLocationList, absentOn: [400, 404] });
        return body?.data[0] ?? null;
    }

    /** A GET with the bearer token; a 401 refreshes the token once and tries again. */
    private async get<S extends z.ZodType>(path: string, opts: RequestOptions<S>): Promise<z.output<S> | undefined> {
        const send = (token: string) =>
            this.http.request("GET", path, { ...opts, headers: { authorization: `Bearer ${token}` } });
        const token = await this.tokens.token();
        try {
            return await send(token);
        } catch (error) {
            if (!(error instanceof VendorError && error.status === 401)) throw error;
            this.tokens.invalidate(token);
            return send(await this.tokens.token());
        }
    }
}
