import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorError, VendorHttp } from "../http";
import { TtlLruCache } from "../ttl-lru-cache";
import {
    type RlmCreatedLead,
    RlmCreateLeadResponse,
    type RlmLead,
    RlmLocationMapping,
    type RlmNote,
    RlmNoteResponse,
} from "./rlm.schemas";

const VENDOR = "RLM";
const MAPPINGS_TTL_MS = 60 * 60 * 1000;

export interface RlmClientSettings {
    baseUrl: string;
    /** The "god" credentials that may read the store-location mapping. */
    godApiKey: string;
    godEmail: string;
    /** Defaults to 60 s (RLM is slow). */
    timeoutMs?: number;
    fetch?: FetchFn;
    /** Clock for the mapping cache (tests). */
    now?: () => number;
}

function describeMessages(messages: string | string[] | undefined): string {
    if (messages === undefined) return "no messages";
    return Array.isArray(messages) ? messages.join("; ") : messages;
}

/**
 * RLM (Retail Lead Management): lead create with the retailer's key, SMS notes, store-location mapping.
 *
 * Creates and notes carry an `Idempotency-Key` chosen by the caller (stable across retries and replays), so a
 * vendor that honours it answers a repeat with the first answer instead of creating a second lead or note;
 * the sandbox stand-in does. RLM does not document the header: against the real RLM a repeat after a lost
 * answer (a timeout, or a crash before Restate journaled the step) still creates a duplicate, so these calls
 * stay at-least-once there.
 */
export class RlmClient {
    private readonly http: VendorHttp;
    /** One entry: the location mapping (or its read in flight). */
    private readonly mappings: TtlLruCache<RlmLocationMapping[]>;

    constructor(private readonly settings: RlmClientSettings) {
        this.http = new VendorHttp({
            vendor: VENDOR,
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 60_000,
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
        });
        this.mappings = new TtlLruCache(1, MAPPINGS_TTL_MS, settings.now);
    }

    /** Builds the client from the lead processor's settings. */
    static fromConfig(config: LeadProcessorConfig): RlmClient {
        return new RlmClient({
            baseUrl: config.RLM_API_URL,
            godApiKey: config.RLM_GOD_API_KEY,
            godEmail: config.RLM_GOD_EMAIL,
        });
    }

    /**
     * Creates a lead in the retailer's RLM account; any result other than `Success` fails as `rejected`.
     * `idempotencyKey` is sent as `Idempotency-Key`.
     */
    async createLead(retailerApiKey: string, lead: RlmLead, idempotencyKey: string): Promise<RlmCreatedLead> {
        const path = `/api/${encodeURIComponent(retailerApiKey)}/leads`;
        const res = await this.http.requestParsed("POST", path, {
            json: { lead },
            headers: { "idempotency-key": idempotencyKey },
            schema: RlmCreateLeadResponse,
        });
        if (res.result !== "Success") {
            throw new VendorError(
                VENDOR,
                "rejected",
                `lead was not created: ${res.result} (${describeMessages(res.messages)})`,
                undefined,
                JSON.stringify(res),
            );
        }
        if (res.lead_id === undefined || res.lead_id === null) {
            throw new VendorError(VENDOR, "invalid-response", "lead create answered Success without a lead_id");
        }
        return { leadId: res.lead_id, leadUuid: res.lead_uuid ?? undefined };
    }

    /** Adds a note (an SMS of the conversation) to a lead; `idempotencyKey` is sent as `Idempotency-Key`. */
    async postNote(note: RlmNote, idempotencyKey: string): Promise<void> {
        const res = await this.http.request("POST", "/api/note_from_sms", {
            json: note,
            headers: { "idempotency-key": idempotencyKey },
            schema: RlmNoteResponse,
        });
        if (res?.result !== undefined && res.result !== "Success") {
            throw new VendorError(
                VENDOR,
                "rejected",
                `note was not added: ${res.result} (${describeMessages(res.messages)})`,
                undefined,
                JSON.stringify(res),
            );
        }
    }

    /** The DealerHQ store → RLM location mapping, cached in-process for one hour (failures are not cached). */
    locationMappings(): Promise<RlmLocationMapping[]> {
        return this.mappings.getOrLoad("mappings", () =>
            this.http.requestParsed("GET", "/api/v1/dhq_store_rlm_location_mappings.json", {
                headers: { "x-api-key": this.settings.godApiKey, "x-user-email": this.settings.godEmail },
                schema: RlmLocationMapping.array(),
            }),
        );
    }
}
