import type { LeadProcessorConfig } from "../../config";
import { type FetchFn, VendorHttp } from "../http";
import { type BotpressConversationRow, BotpressFindRowsResponse } from "./botpress.schemas";

export interface BotpressClientSettings {
    baseUrl: string;
    token: string;
    botId: string;
    workspaceId: string;
    /** The table holding one row per chatbot conversation. */
    table: string;
    timeoutMs?: number;
    fetch?: FetchFn;
}

/** Botpress Tables API: finds the chatbot's summary row of a conversation. */
export class BotpressClient {
    private readonly http: VendorHttp;

    constructor(private readonly settings: BotpressClientSettings) {
        this.http = new VendorHttp({
            vendor: "Botpress",
            baseUrl: settings.baseUrl,
            timeoutMs: settings.timeoutMs ?? 15_000,
            headers: () => ({
                authorization: `Bearer ${settings.token}`,
                "x-bot-id": settings.botId,
                "x-workspace-id": settings.workspaceId,
            }),
            ...(settings.fetch ? { fetch: settings.fetch } : {}),
        });
    }

    /** Builds the client from the lead processor's settings. */
    static fromConfig(config: LeadProcessorConfig): BotpressClient {
        return new BotpressClient({
            baseUrl: config.BOTPRESS_API_URL,
            token: config.BOTPRESS_API_TOKEN,
            botId: config.BOTPRESS_BOT_ID,
            workspaceId: config.BOTPRESS_WORKSPACE_ID,
            table: config.BOTPRESS_TABLE,
        });
    }

    /** Finds the table rows whose `conversationId` equals the given id. */
    findRows(conversationId: string): Promise<BotpressFindRowsResponse> {
        const path = `/v1/tables/${encodeURIComponent(this.settings.table)}/rows/find`;
        return this.http.requestParsed("POST", path, {
            json: { filter: { conversationId: { $eq: conversationId } } },
            schema: BotpressFindRowsResponse,
        });
    }

    /** The first row of a conversation, or `undefined` when the chatbot left no summary. */
    async findConversationRow(conversationId: string): Promise<BotpressConversationRow | undefined> {
        const res = await this.findRows(conversationId);
        return res.rows[0];
    }
}
