import { VendorError } from "./http";

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

interface Entry {
    token: Promise<string>;
    /** The token once issued (a 401 invalidates only the token it was answered to). */
    value?: string;
    expiresAt: number;
}

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
    private current: Entry | undefined;

    constructor(private readonly options: TokenProviderOptions) {
        this.now = options.now ?? Date.now;
        this.marginMs = options.marginMs ?? 60_000;
        this.defaultLifetimeSeconds = options.defaultLifetimeSeconds ?? 3600;
    }

    /** A live token, from the cache unless it is (nearly) expired. */
    token(): Promise<string> {
        const current = this.current;
        if (current && this.now() < current.expiresAt) return current.token;
        return this.issue();
    }

    /** Forgets the cached token if it is `token` (the API refused it); a newer token is kept. */
    invalidate(token: string): void {
        if (this.current?.value === token) this.current = undefined;
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

    private issue(): Promise<string> {
        const startedAt = this.now();
        const entry: Entry = { token: Promise.resolve(""), expiresAt: Number.POSITIVE_INFINITY };
        entry.token = this.options.issue().then(
            (issued) => {
                const lifetimeMs = (issued.expiresInSeconds ?? this.defaultLifetimeSeconds) * 1000;
                entry.expiresAt = startedAt + lifetimeMs - Math.min(this.marginMs, lifetimeMs / 2);
                entry.value = issued.value;
                return issued.value;
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
