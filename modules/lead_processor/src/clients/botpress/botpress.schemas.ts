import { z } from "zod";

/** One row of the Botpress conversations table: the chatbot's transcript and AI summary of a conversation. */
export const BotpressConversationRow = z.looseObject({
    id: z.union([z.number(), z.string()]),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    conversationId: z.string(),
    transcript: z.array(z.looseObject({ sender: z.string().nullish(), preview: z.string().nullish() })).nullish(),
    summary: z.string().nullish(),
    sentiment: z.string().nullish(),
    topics: z.array(z.string()).nullish(),
    escalations: z.unknown().optional(),
    resolved: z.unknown().optional(),
    computed: z.unknown().optional(),
});
export type BotpressConversationRow = z.output<typeof BotpressConversationRow>;

/** What `POST /v1/tables/{table}/rows/find` answers. */
export const BotpressFindRowsResponse = z.looseObject({
    rows: z.array(BotpressConversationRow),
    hasMore: z.boolean().optional(),
    offset: z.number().optional(),
    limit: z.number().optional(),
    warnings: z.array(z.string()).optional(),
});
export type BotpressFindRowsResponse = z.output<typeof BotpressFindRowsResponse>;
