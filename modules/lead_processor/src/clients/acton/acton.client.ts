import type { JsonValue } from "common";
import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorError, VendorHttp } from "../http";
import { TokenProvider } from "../token-provider";
import { type ActOnAddedRecord, ActOnRecordResponse } from "./acton.schemas";
import { type ActOnCredentials, actOnTokenIssuer } from "./acton-token";

const VENDOR = "ActOn";

export interface ActOnClientSettings {
    baseUrl: string;
    credentials: ActOnCredentials;
    timeoutMs?: number;
    fetch?: FetchFn;
    /** Clock for the token cache (tests). */
    now?: () => number;
}

/**
 * ActOn: adds contacts to marketing lists, authenticated with a cached password-grant token.
 *
 * ActOn keys a list's records by e-mail address, so a repeated post updates the same contact rather than
 * adding a second one: the record is idempotent at ActOn whatever happens. The post is still a second write
 * (it can overwrite fields changed since, and may fire ActOn automations again); to avoid that where the
 * vendor allows it, each post carries an `Idempotency-Key` chosen by the caller, which the sandbox stand-in
 * honours. ActOn does not document the header, so against the real ActOn the write stays at-least-once.
 */
export class ActOnClient {
    private readonly http: VendorHttp;
    private readonly tokens: TokenProvider;

    constructor(settings: ActOnClientSettings) {
        this.http = new VendorHttp({
            vendor: VENDOR,
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 15_000,
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
        });
        this.tokens = new TokenProvider({
            issue: actOnTokenIssuer(this.http, settings.credentials),
            ...(settings.now ? { now: settings.now } : {}),
        });
    }

    /** Builds the client from the lead processor's settings. */
    static fromConfig(config: LeadProcessorConfig): ActOnClient {
        return new ActOnClient({
            baseUrl: config.ACTON_BASE_URL,
            credentials: {
                username: config.ACTON_USERNAME,
                password: config.ACTON_PASSWORD,
                clientId: config.ACTON_CLIENT_ID,
                clientSecret: config.ACTON_CLIENT_SECRET,
            },
        });
    }

    /**
     * Adds a record (contact) to a list. A 401 refreshes the token and retries once (with the same key); a
     * status other than `success` fails as `rejected`. `idempotencyKey` is sent as `Idempotency-Key`.
     */
    async addListRecord(
        listId: string,
        fields: Record<string, JsonValue>,
        idempotencyKey: string,
    ): Promise<ActOnAddedRecord> {
        const res = await this.tokens.withToken((token) => this.postRecord(listId, fields, token, idempotencyKey));
        if (res.status !== "success") {
            throw new VendorError(
                VENDOR,
                "rejected",
                `list record was not added: ${res.status} (${res.message ?? "no message"})`,
                undefined,
                JSON.stringify(res),
            );
        }
        return { id: res.id ?? undefined, contactId: res.contact_id ?? undefined, message: res.message ?? undefined };
    }

    private postRecord(listId: string, fields: Record<string, JsonValue>, token: string, idempotencyKey: string) {
        return this.http.requestParsed("POST", `/api/1/list/${encodeURIComponent(listId)}/record`, {
            json: fields,
            headers: { authorization: `Bearer ${token}`, "idempotency-key": idempotencyKey },
            schema: ActOnRecordResponse,
        });
    }
}
