import type { ConversationsApi } from "../../clients/twilio/conversations.types";
import type { OptedOutNumbersTable } from "../../db/opted-out-numbers.table";
import type { Deps } from "../../deps";
import type { SigningSettings } from "./twilio-signature";

/** What the `TwilioWebhooks` handlers use, built once per endpoint. */
export interface WebhookDeps {
    deps: Deps;
    conversations: ConversationsApi;
    optOuts: Pick<OptedOutNumbersTable, "get" | "put" | "delete">;
    signing: SigningSettings;
    messagingServiceSid: string;
}

/** Binds the webhook handlers to the composition root's clients and settings. */
export function webhookDeps(deps: Deps): WebhookDeps {
    return {
        deps,
        conversations: deps.clients.conversations,
        optOuts: deps.tables.optedOutNumbers,
        signing: {
            authToken: deps.config.TWILIO_AUTH_TOKEN,
            publicIngressUrl: deps.config.PUBLIC_RESTATE_INGRESS_URL,
        },
        messagingServiceSid: deps.config.TWILIO_MESSAGING_SERVICE_SID,
    };
}
