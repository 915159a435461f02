import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorError, VendorHttp } from "../http";
import { type ActOnAddedRecord, ActOnRecordResponse } from "./acton.schemas";
import { type ActOnCredentials, ActOnTokenCache } from "./acton-token";

const VENDOR = "ActOn";

export interface ActOnClientSettings {
    baseUrl: string;
    credentials: ActOnCredentials;
    timeoutMs?: number;
    fetch?: FetchFn;
    /** Clock for the token cache (tests). */
    now?: () => number;
}

/** ActOn: adds contacts to marketing lists, authenticated with a cached password-grant token. */
export class ActOnClient {
    private readonly http: VendorHttp;
    private readonly tokens: ActOnTokenCache;

    constructor(settings: ActOnClientSettings) {
        this.tokens = new ActOnTokenCache({
            baseUrl: settings.baseUrl,
            credentials: settings.credentials,
            timeoutMs: settings.timeoutMs,
            fetch: settings.fetch,
            now: settings.now,
        });
        this.http = new VendorHttp({
            vendor: VENDOR,
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 15_000,
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
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
     * Adds a record (contact) to a list. A 401 refreshes the token and retries once; a status other than
     * `success` fails as `rejected`.
     */
    async addListRecord(listId: string, fields: Record<string, string>): Promise<ActOnAddedRecord> {
        const token = await this.tokens.token();
        let res: ActOnRecordResponse;
        try {
            res = await this.postRecord(listId, fields, token);
        } catch (error) {
            if (!(error instanceof VendorError && error.status === 401)) throw error;
            res = await this.postRecord(listId, fields, await this.tokens.token());
        }
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

    private async postRecord(listId: string, fields: Record<string, string>, token: string) {
        try {
            return await this.http.requestParsed("POST", `/api/1/list/${encodeURIComponent(listId)}/record`, {
                json: fields,
                headers: { authorization: `Bearer ${token}` },
                schema: ActOnRecordResponse,
            });
        } catch (error) {
            if (error instanceof VendorError && error.status === 401) this.tokens.invalidate(token);
            throw error;
        }
    }
}
