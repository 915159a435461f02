import {
    ProxyErrorBody,
    SESSIONS_PATH,
    type SessionRequestInput,
    type SessionResponse,
    SessionResponseSchema,
} from "common/twilio-proxy";
import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorError, VendorHttp } from "../http";

const VENDOR = "Twilio proxy";

/** What the Twilio integration needs from the proxy: one masked session per request. */
export interface SessionCreator {
    createSession(request: SessionRequestInput): Promise<SessionResponse>;
}

/** Where the proxy is and its Basic credentials (`TWILIO_PROXY_URL`, `_USER`, `_PASS`). */
export interface TwilioProxySettings {
    baseUrl: string;
    user: string;
    pass: string;
    timeoutMs?: number;
    fetch?: FetchFn;
}

/**
 * Client of the Twilio proxy (`modules/twilio_proxy`): `POST /sessions` with HTTP Basic auth, answered with
 * the conversation and its participants. A request carrying a `uniqueName` is idempotent at the proxy (a
 * retry gets the existing conversation back with `created: false`), so callers may repeat it safely.
 * Failures are `VendorError`s whose message carries the proxy's error code (`pool_exhausted`, …).
 */
export class TwilioProxyClient implements SessionCreator {
    private readonly http: VendorHttp;

    constructor(settings: TwilioProxySettings) {
        const basic = Buffer.from(`${settings.user}:${settings.pass}`).toString("base64");
        this.http = new VendorHttp({
            vendor: VENDOR,
            baseUrl: settings.baseUrl.replace(/\/+$/, ""),
            timeoutMs: settings.timeoutMs ?? 30_000,
            headers: () => ({ authorization: `Basic ${basic}` }),
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
        });
    }

    /** Builds the client from the lead processor's settings. */
    static fromConfig(config: LeadProcessorConfig): TwilioProxyClient {
        return new TwilioProxyClient({
            baseUrl: config.TWILIO_PROXY_URL,
            user: config.TWILIO_PROXY_USER,
            pass: config.TWILIO_PROXY_PASS,
        });
    }

    /** Creates (or, for a repeated `uniqueName`, returns) a masked two-way conversation. */
    async createSession(request: SessionRequestInput): Promise<SessionResponse> {
        try {
            return await this.http.requestParsed("POST", SESSIONS_PATH, {
                json: request,
                schema: SessionResponseSchema,
                okStatuses: [200],
            });
        } catch (error) {
            throw withProxyReason(error);
        }
    }
}

/** Puts the proxy's `{code, message}` into the error message, keeping the failure's kind and status. */
function withProxyReason(error: unknown): unknown {
    if (!(error instanceof VendorError) || !error.body) return error;
    let body: unknown;
    try {
        body = JSON.parse(error.body);
    } catch {
        return error;
    }
    const parsed = ProxyErrorBody.safeParse(body);
    if (!parsed.success) return error;
    const { code, message } = parsed.data;
    return new VendorError(
        VENDOR,
        error.kind,
        `POST ${SESSIONS_PATH} answered ${error.status ?? "?"} ${code}: ${message}`,
        error.status,
        error.body,
        error.retryAfterMs,
    );
}
