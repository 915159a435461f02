import type { LeadProcessorConfig } from "../../config";
import { TokenProvider } from "../token-provider";
import type { NexusLocation, NexusRetailer, NexusStoreHours, NexusSubscription } from "./nexus.types";
import { NexusApiClient } from "./nexus-api.client";
import { NexusAwsClient } from "./nexus-aws.client";
import { NexusAwsSecretReader } from "./nexus-aws-secret";
import { cognitoTokenIssuer } from "./nexus-aws-token";

/** The Nexus reads the lead processor needs; validators and the Dealer report depend on this, not the class. */
export interface NexusDirectory {
    getRetailer(retailerId: string): Promise<NexusRetailer | null>;
    getSubscriptions(retailerId: string): Promise<NexusSubscription[] | null>;
    getRetailerLocations(retailerId: string): Promise<NexusLocation[] | null>;
    getLocation(locationId: string): Promise<NexusLocation | null>;
    /** Each store's hours (old Nexus), read for a store whose location record carries none. */
    getStoreHours(retailerId: string): Promise<NexusStoreHours[] | null>;
}

/**
 * Nexus, the retailer master data, as production splits it: retailers, subscriptions and store hours from
 * the old Nexus API (HTTP Basic), stores from AWS Nexus (Cognito bearer token). Plain HTTP, no Restate:
 * callers wrap each call in a journaled step.
 */
export class NexusClient implements NexusDirectory {
    constructor(
        readonly api: NexusApiClient,
        readonly aws: NexusAwsClient,
    ) {}

    /** Builds both clients (and the Cognito token flow) from the lead processor's settings. */
    static fromConfig(config: LeadProcessorConfig): NexusClient {
        const secret = new NexusAwsSecretReader({
            secretName: config.NEXUS_AWS_API_SECRET_NAME,
            accessKeyId: config.NEXUS_AUTH_AWS_ACCESS_KEY_ID,
            secretAccessKey: config.NEXUS_AUTH_AWS_SECRET_ACCESS_KEY,
            region: config.NEXUS_AUTH_AWS_REGION,
            endpoint: config.SECRETS_MANAGER_ENDPOINT,
        });
        const tokens = new TokenProvider({
            issue: cognitoTokenIssuer({ secret, tokenUrl: config.NEXUS_AWS_TOKEN_URL }),
        });
        return new NexusClient(
            new NexusApiClient({
                baseUrl: config.NEXUS_API_URL,
                username: config.NEXUS_API_USERNAME,
                password: config.NEXUS_API_PASSWORD,
            }),
            new NexusAwsClient({ baseUrl: config.NEXUS_AWS_API_URL, tokens }),
        );
    }

    getRetailer(retailerId: string): Promise<NexusRetailer | null> {
        return this.api.getRetailer(retailerId);
    }

    getSubscriptions(retailerId: string): Promise<NexusSubscription[] | null> {
        return this.api.getSubscriptions(retailerId);
    }

    /** Each store's opening hours (old Nexus); the Web2Text validation reads them when the location has none. */
    getStoreHours(retailerId: string): Promise<NexusStoreHours[] | null> {
        return this.api.getStoreHours(retailerId);
    }

    getRetailerLocations(retailerId: string): Promise<NexusLocation[] | null> {
        return this.aws.getRetailerLocations(retailerId);
    }

    getLocation(locationId: string): Promise<NexusLocation | null> {
        return this.aws.getLocation(locationId);
    }
}
