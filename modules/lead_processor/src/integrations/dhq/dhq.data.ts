import { z } from "zod";

/** `Integrations.DHQ.Data`: the DealerHQ lead and how far the conversation copy got. */
export const DhqData = z.object({
    LeadId: z.string(),
    SyncedMessageIds: z.array(z.string()).default([]),
    SentBotpressSummary: z.boolean().optional(),
});
export type DhqData = z.output<typeof DhqData>;
