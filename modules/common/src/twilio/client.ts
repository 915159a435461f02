import twilio from "twilio";

type RequestOptions<TData> = Parameters<typeof twilio.RequestClient.prototype.request<TData>>[0];

export type TwilioClient = ReturnType<typeof twilio>;

export interface TwilioSettings {
    accountSid: string;
    authToken: string;
    /** When set, every REST call to `https://<product>.twilio.com/<path>` goes to `<apiBaseUrl>/<product>/<path>`. */
    apiBaseUrl?: string | undefined;
}

/**
 * Rewrites Twilio REST URLs to a configured base (the local sandbox), keeping product, path and query, so
 * the same code talks to Twilio or to its stand-in through configuration alone.
 */
class RedirectingRequestClient extends twilio.RequestClient {
    constructor(private readonly base: string) {
        super();
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
    return twilio(settings.accountSid, settings.authToken, {
        autoRetry: false,
        ...(base ? { httpClient: new RedirectingRequestClient(base) } : {}),
    });
}
