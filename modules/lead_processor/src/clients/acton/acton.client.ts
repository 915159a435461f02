import type { JsonValue } from "common";
import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorError, VendorHttp } from "../http";
import { TokenProvider } from "../token-provider";
import { ActOnRecordResponse, type ActOnWrittenRecord } from "./acton.schemas";
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
 * ActOn: writes contacts to marketing lists, authenticated with a cached password-grant token.
 *
 * Records are written with ActOn's documented upsert, "Update Contact Record by Email"
 * (`PUT /api/1/list/{listId}/record?email=`): it updates the first record with that e-mail or adds one, so a
 * write repeated after a retry or a crash lands on the same contact — the record is exactly once at ActOn by
 * the vendor's own contract. (The old system used "Add a Contact", `POST …/record`, which documents no such
 * merge: a repeat could add a second contact.) The repeated write itself still happens (at-least-once); each
 * carries an `Idempotency-Key` chosen by the caller, which ActOn does not document.
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
     * Writes the contact `email` of a list (updated, or added when the list has none). A 401 refreshes the
     * token and retries once (with the same key); a status other than `success` fails as `rejected`.
     * `idempotencyKey` is sent as `Idempotency-Key`.
     */
    async upsertListRecord(
        listId: string,
        email: string,
        fields: Record<string, JsonValue>,
        idempotencyKey: string,
    ): Promise<ActOnWrittenRecord> {
        const res = await this.tokens.withToken((token) =>
            this.http.requestParsed("PUT", `/api/1/list/${encodeURIComponent(listId)}/record`, {
                query: { email },
                json: fields,
                headers: { authorization: `Bearer ${token}`, "idempotency-key": idempotencyKey },
                schema: ActOnRecordResponse,
            }),
        );
        if (res.status !== "success") {
            throw new VendorError(
                VENDOR,
                "rejected",
                `list record was not written: ${res.status} (${res.message ?? "no message"})`,
                undefined,
                JSON.stringify(res),
            );
        }
        return { id: res.id ?? undefined, contactId: res.contact_id ?? undefined, message: res.message ?? undefined };
    }
}
