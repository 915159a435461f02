import type { z } from "zod";
import { type RequestOptions, VendorHttp, type VendorTransport } from "../http";
import type { TokenProvider } from "../token-provider";
import { type NexusLocation, NexusLocationList } from "./nexus.types";

export interface NexusAwsSettings extends VendorTransport {
    /** `NEXUS_AWS_API_URL`: base URL of AWS Nexus (paths are appended to it). */
    baseUrl: string;
    /** Cognito bearer tokens (see `cognitoTokenIssuer`). */
    tokens: TokenProvider;
}

/**
 * AWS Nexus (`NEXUS_AWS_API_URL`, Cognito bearer token): a retailer's stores and one store by id. A 401
 * refreshes the token once and tries again; "not found" is `null`. No retries here: callers wrap each call
 * in a journaled step.
 */
export class NexusAwsClient {
    private readonly http: VendorHttp;
    private readonly tokens: TokenProvider;

    constructor({ baseUrl, tokens, timeoutMs = 10_000, fetch }: NexusAwsSettings) {
        this.tokens = tokens;
        const hints = { 401: "a fresh Cognito token was refused" };
        this.http = new VendorHttp({ vendor: "Nexus AWS", baseUrl, timeoutMs, hints, fetch });
    }

    /** `GET /nexus/retailerLocations?retailer_id=`: the retailer's stores; null when the retailer is unknown (404). */
    async getRetailerLocations(retailerId: string): Promise<NexusLocation[] | null> {
        const query = { retailer_id: retailerId };
        const body = await this.get("/nexus/retailerLocations", { query, schema: NexusLocationList, absentOn: [404] });
        return body?.data ?? null;
    }

    /** `GET /nexus/location?location_id=`: the first element of `data`; null when there is none (or 404/400). */
    async getLocation(locationId: string): Promise<NexusLocation | null> {
        const query = { location_id: locationId };
        const opts = { query, schema: NexusLocationList, absentOn: [400, 404] };
        return (await this.get("/nexus/location", opts))?.data[0] ?? null;
    }

    private get<S extends z.ZodType>(path: string, opts: RequestOptions<S>): Promise<z.output<S> | undefined> {
        return this.tokens.withToken((token) =>
            this.http.request("GET", path, { ...opts, headers: { authorization: `Bearer ${token}` } }),
        );
    }
}
