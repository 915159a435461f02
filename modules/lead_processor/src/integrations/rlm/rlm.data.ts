import { z } from "zod";

/** `Integrations.RLM.Data`: the RLM lead and how far the conversation copy got. */
export const RlmData = z.object({
    LeadId: z.number(),
    LeadUUID: z.string().optional(),
    LocationName: z.string(),
    SyncedMessageIds: z.array(z.string()).default([]),
    SentBotpressSummary: z.boolean().optional(),
});
export type RlmData = z.output<typeof RlmData>;
