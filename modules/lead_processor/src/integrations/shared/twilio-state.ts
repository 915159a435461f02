import { z } from "zod";
import type { IntegrationState } from "../../lead/lead-state";

const TwilioData = z.looseObject({ ConversationSID: z.string().min(1) });

/**
 * The lead's Twilio conversation, read from the Twilio integration's state of the same pass, or why the
 * conversation cannot be used yet (the Twilio integration is not SYNCED or has no conversation).
 */
export function twilioConversation(state: IntegrationState | undefined): { sid: string } | { problem: string } {
    if (state?.SyncStatus !== "SYNCED") {
        return { problem: `Twilio integration is ${state?.SyncStatus ?? "NOT SYNCED"}; messages cannot be copied yet` };
    }
    const data = TwilioData.safeParse(state.Data);
    return data.success ? { sid: data.data.ConversationSID } : { problem: "Twilio integration has no ConversationSID" };
}

/** The conversation sid the Twilio integration recorded, whatever its status. */
export function recordedConversationSid(state: IntegrationState | undefined): string | undefined {
    const data = TwilioData.safeParse(state?.Data);
    return data.success ? data.data.ConversationSID : undefined;
}
