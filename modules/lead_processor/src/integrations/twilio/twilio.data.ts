import { ConversationState } from "common/twilio-proxy";
import { z } from "zod";
import type { IntegrationState } from "../../lead/lead-schemas";

/** What the Twilio integration keeps in `Integrations.Twilio.Data`; RLM and DHQ read the conversation from it. */
export const TwilioData = z.looseObject({
    ConversationSID: z.string().min(1),
    ConversationStatus: ConversationState.optional(),
    /** The store number the thread was opened with (a later change in Nexus does not move old leads). */
    StorePhoneNumber: z.string().optional(),
    /** The pool number the customer texts (and receives from). */
    CustomerProxyNumber: z.string().nullish(),
    /** The pool number the store texts (and receives from). */
    StoreProxyNumber: z.string().nullish(),
    /** The dealer's close notice and how its delivery went (checked when the last lead left the thread). */
    CloseNotice: z
        .looseObject({
            MessageSid: z.string(),
            Delivery: z.string(),
            ErrorCode: z.number().nullable(),
        })
        .optional(),
});
export type TwilioData = z.output<typeof TwilioData>;

/**
 * The lead's Twilio conversation, read from the Twilio integration's state of the same pass, or why the
 * conversation cannot be used yet (the Twilio integration is not SYNCED or has no conversation).
 */
export function twilioConversation(state: IntegrationState | undefined): { sid: string } | { problem: string } {
    if (state?.SyncStatus !== "SYNCED") {
        return { problem: `Twilio integration is ${state?.SyncStatus ?? "NOT SYNCED"}; messages cannot be copied yet` };
    }
    const sid = recordedConversationSid(state);
    return sid ? { sid } : { problem: "Twilio integration has no ConversationSID" };
}

/**
 * The conversation whose messages RLM and DHQ copy in this pass: in a sync, {@link twilioConversation}; when the
 * lead closes, whatever conversation the Twilio integration recorded (it may be closed by now, and its messages
 * are still read), or none when a thread was never opened (nothing to copy).
 */
export function conversationToCopy(
    state: IntegrationState | undefined,
    operation: "sync" | "close",
): { sid: string } | { problem: string } | undefined {
    if (operation === "sync") return twilioConversation(state);
    const sid = recordedConversationSid(state);
    return sid ? { sid } : undefined;
}

/** The conversation sid the Twilio integration recorded, whatever its status. */
export function recordedConversationSid(state: IntegrationState | undefined): string | undefined {
    const data = TwilioData.safeParse(state?.Data);
    return data.success ? data.data.ConversationSID : undefined;
}
