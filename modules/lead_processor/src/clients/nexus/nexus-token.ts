import { VendorHttp } from "../http";
import { NexusToken } from "./nexus.types";

export interface NexusCredentials {
    authUrl: string;
    clientId: string;
    clientSecret: string;
}

/** Renew this long before the token's stated expiry, so a token never expires mid-request. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * Bearer tokens for the Nexus API from an OAuth2 client-credentials grant. One token is cached until shortly
 * before it expires; concurrent callers share one in-flight request; `invalidate()` drops it after a 401.
 */
export class NexusTokenProvider {
    private readonly http: VendorHttp;
    private cached: { token: string; expiresAt: number } | undefined;
    private pending: Promise<string> | undefined;

    constructor(
        private readonly credentials: NexusCredentials,
        options: { fetch?: typeof fetch; timeoutMs?: number; now?: () => number } = {},
        private readonly now: () => number = options.now ?? Date.now,
    ) {
        this.http = new VendorHttp({
            vendor: "Nexus auth",
            baseUrl: credentials.authUrl,
            ...(options.fetch ? { fetch: options.fetch } : {}),
            ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        });
    }

    /** A valid access token, fetched when none is cached or the cached one is about to expire. */
    async token(): Promise<string> {
        if (this.cached && this.now() < this.cached.expiresAt) return this.cached.token;
        this.pending ??= this.fetchToken().finally(() => {
            this.pending = undefined;
        });
        return this.pending;
    }

    /** Forgets the cached token when it is the one the API just rejected. */
    invalidate(token: string): void {
        if (this.cached?.token === token) this.cached = undefined;
    }

    private async fetchToken(): Promise<string> {
        const body = await this.http.request("POST", "", {
            form: {
                grant_type: "client_credentials",
                client_id: this.credentials.clientId,
                client_secret: this.credentials.clientSecret,
            },
            schema: NexusToken,
        });
        if (!body) throw new Error("Nexus auth: token response was empty");
        const lifetime = Math.max(body.expires_in * 1000 - EXPIRY_MARGIN_MS, 0);
        this.cached = { token: body.access_token, expiresAt: this.now() + lifetime };
        return body.access_token;
    }
}
