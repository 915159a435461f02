import twilio from "twilio";

type RequestOptions<TData> = Parameters<typeof twilio.RequestClient.prototype.request<TData>>[0];

export type TwilioClient = ReturnType<typeof twilio>;

/**
 * Twilio's largest `PageSize` for list resources (its default is 50). Lists whose length grows with traffic — the
 * conversations a store's number takes part in — are read with it, so one request replaces many pages.
 */
export const LIST_PAGE_SIZE = 1000;

export interface TwilioSettings {
    accountSid: string;
    authToken: string;
    /** When set, every REST call to `https://<product>.twilio.com/<path>` goes to `<apiBaseUrl>/<product>/<path>`. */
    apiBaseUrl?: string | undefined;
    /**
     * How often the `twilio` library itself retries a request Twilio answered 429 (Too Many Requests), with
     * exponential back-off and full jitter (a wait drawn from 0 to 200 ms, 400 ms, 800 ms, …, capped at 3 s;
     * the library does not read Retry-After). Default 0: no retry, the 429 reaches the caller, for callers
     * that retry at a higher level (the lead processor's journaled steps do).
     */
    rateLimitRetries?: number | undefined;
}

type RetryOptions = { autoRetry: false } | { autoRetry: true; maxRetries: number };

/**
 * Rewrites Twilio REST URLs to a configured base (the local sandbox), keeping product, path and query, so
 * the same code talks to Twilio or to its stand-in through configuration alone.
 */
class RedirectingRequestClient extends twilio.RequestClient {
    constructor(
        private readonly base: string,
        retry: RetryOptions,
    ) {
        super(retry);
    }

    override request<TData>(opts: RequestOptions<TData>) {
        const url = new URL(opts.uri);
        const product = url.hostname.match(/^([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.twilio\.com$/)?.[1];
        const uri = product ? `${this.base}/${product}${url.pathname}${url.search}` : opts.uri;
        return super.request<TData>({ ...opts, uri });
    }
}

/** The single way every module builds its Twilio client. */
export function createTwilioClient(settings: TwilioSettings): TwilioClient {
    const base = settings.apiBaseUrl?.replace(/\/+$/, "");
    const retries = settings.rateLimitRetries ?? 0;
    const retry: RetryOptions = retries > 0 ? { autoRetry: true, maxRetries: retries } : { autoRetry: false };
    return twilio(settings.accountSid, settings.authToken, {
        ...retry,
        ...(base ? { httpClient: new RedirectingRequestClient(base, retry) } : {}),
    });
}
