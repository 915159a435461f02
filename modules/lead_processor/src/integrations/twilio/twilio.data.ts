import { z } from "zod";

/** What the Twilio integration keeps in `Integrations.Twilio.Data`. */
export const TwilioData = z.looseObject({
    ConversationSID: z.string().min(1),
    ConversationStatus: z.enum(["initializing", "active", "inactive", "closed"]).optional(),
    /** The store number the thread was opened with (a later change in Nexus does not move old leads). */
    StorePhoneNumber: z.string().optional(),
    /** The pool number the customer texts (and receives from). */
    CustomerProxyNumber: z.string().nullish(),
    /** The pool number the store texts (and receives from). */
    StoreProxyNumber: z.string().nullish(),
});
export type TwilioData = z.output<typeof TwilioData>;
