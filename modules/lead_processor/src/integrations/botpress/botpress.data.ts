import { z } from "zod";
import { BotpressConversationRow } from "../../clients/botpress/botpress.schemas";
import type { IntegrationState } from "../../lead/lead-schemas";

/** `Integrations.Botpress.Data`: the conversation id and the summary row found for it. */
export const BotpressData = z.object({ ConversationId: z.string(), Conversation: BotpressConversationRow });
export type BotpressData = z.output<typeof BotpressData>;

/** The chatbot summary row, when the Botpress integration is SYNCED with one. */
export function syncedBotpressRow(state: IntegrationState | undefined): BotpressConversationRow | undefined {
    if (state?.SyncStatus !== "SYNCED") return undefined;
    const parsed = BotpressData.safeParse(state.Data);
    return parsed.success ? parsed.data.Conversation : undefined;
}
