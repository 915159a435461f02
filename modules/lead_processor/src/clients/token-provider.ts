import { VendorError } from "./http";
import { TtlLruCache } from "./ttl-lru-cache";

/** A bearer token as an authorization server hands it out. */
export interface IssuedToken {
    value: string;
    /** Lifetime in seconds, when the server states one. */
    expiresInSeconds?: number | undefined;
}

export interface TokenProviderOptions {
    /** Asks the authorization server for a new token. */
    issue: () => Promise<IssuedToken>;
    /** Renew this long before the stated expiry (at most half the lifetime), so a token never expires in flight. */
    marginMs?: number;
    /** Assumed lifetime when the server states none. */
    defaultLifetimeSeconds?: number;
    /** Clock (tests). */
    now?: () => number;
}

const TOKEN = "token";
const isUnauthorized = (error: unknown) => error instanceof VendorError && error.status === 401;

/**
 * The one bearer-token mechanism of the vendor clients: a token is issued once and reused until shortly
 * before it expires; concurrent callers share one in-flight request; a failed request is not cached; and
 * {@link withToken} refreshes the token once when the API answers 401.
 */
export class TokenProvider {
    private readonly now: () => number;
    private readonly marginMs: number;
    private readonly defaultLifetimeSeconds: number;
    /** One entry: the current token (or its request in flight) until shortly before it expires. */
    private readonly cache: TtlLruCache<IssuedToken>;

    constructor(private readonly options: TokenProviderOptions) {
        this.now = options.now ?? Date.now;
        this.marginMs = options.marginMs ?? 60_000;
        this.defaultLifetimeSeconds = options.defaultLifetimeSeconds ?? 3600;
        this.cache = new TtlLruCache(1, this.defaultLifetimeSeconds * 1000, this.now);
    }

    /** A live token, from the cache unless it is (nearly) expired. */
    async token(): Promise<string> {
        const startedAt = this.now();
        const issued = await this.cache.getOrLoad(
            TOKEN,
            () => this.options.issue(),
            (token) => {
                // Counted from the request, and renewed `marginMs` early (at most half the lifetime).
                const lifetimeMs = (token.expiresInSeconds ?? this.defaultLifetimeSeconds) * 1000;
                return startedAt + lifetimeMs - Math.min(this.marginMs, lifetimeMs / 2) - this.now();
            },
        );
        return issued.value;
    }

    /** Forgets the cached token if it is `token` (the API refused it); a newer token is kept. */
    invalidate(token: string): void {
        if (this.cache.get(TOKEN)?.value === token) this.cache.delete(TOKEN);
    }

    /**
     * Runs `call` with a live token. When the API answers 401 the token is dropped and `call` runs once more
     * with a fresh one; a second 401, or a failure to get a token at all, is the caller's error.
     */
    async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
        const token = await this.token();
        try {
            return await call(token);
        } catch (error) {
            if (!isUnauthorized(error)) throw error;
            this.invalidate(token);
            return call(await this.token());
        }
    }
}
