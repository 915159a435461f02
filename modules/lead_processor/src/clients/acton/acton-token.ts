import { type FetchFn, VendorHttp } from "../http";
import { ActOnTokenResponse } from "./acton.schemas";

/** Renew this long before the token's stated expiry, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;
/** Assumed lifetime when ActOn does not state one. */
const DEFAULT_LIFETIME_S = 3600;

export interface ActOnCredentials {
    username: string;
    password: string;
    clientId: string;
    clientSecret: string;
}

export interface ActOnTokenSettings {
    baseUrl: string;
    credentials: ActOnCredentials;
    timeoutMs?: number | undefined;
    fetch?: FetchFn | undefined;
    now?: (() => number) | undefined;
}

/**
 * ActOn's OAuth password-grant token, fetched once and reused until shortly before it expires (the old
 * system fetched one per call). Concurrent callers share one in-flight token request.
 */
export class ActOnTokenCache {
    private readonly http: VendorHttp;
    private readonly now: () => number;
    private current: { token: Promise<string>; value?: string; expiresAt: number } | undefined;

    constructor(private readonly settings: ActOnTokenSettings) {
        this.http = new VendorHttp({
            vendor: "ActOn",
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 15_000,
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
        });
        this.now = settings.now ?? Date.now;
    }

    /** A valid access token, from the cache when it has not (nearly) expired. */
    token(): Promise<string> {
        const current = this.current;
        if (current && this.now() < current.expiresAt) return current.token;
        return this.fetchToken();
    }

    /** Forgets the cached token if it is `token` (ActOn refused it with a 401); a newer token is kept. */
    invalidate(token: string): void {
        if (this.current?.value === token) this.current = undefined;
    }

    private fetchToken(): Promise<string> {
        const { credentials } = this.settings;
        const startedAt = this.now();
        const entry: { token: Promise<string>; value?: string; expiresAt: number } = {
            token: Promise.resolve(""),
            expiresAt: Number.POSITIVE_INFINITY,
        };
        entry.token = this.http
            .requestParsed("POST", "/token", {
                form: {
                    grant_type: "password",
                    username: credentials.username,
                    password: credentials.password,
                    client_id: credentials.clientId,
                    client_secret: credentials.clientSecret,
                },
                schema: ActOnTokenResponse,
            })
            .then(
                (res) => {
                    const lifetimeMs = (res.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
                    entry.expiresAt = startedAt + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2);
                    entry.value = res.access_token;
                    return res.access_token;
                },
                (error: unknown) => {
                    if (this.current === entry) this.current = undefined;
                    throw error;
                },
            );
        this.current = entry;
        return entry.token;
    }
}
