import { Logger } from "common";
import { createTwilioClient } from "common/twilio";
import { ApiKeyDirectory } from "./auth/api-key-directory";
import { Authorizer } from "./auth/authorizer";
import { KeyRateLimiter } from "./auth/key-rate-limiter";
import { ActOnClient } from "./clients/acton/acton.client";
import { BotpressClient } from "./clients/botpress/botpress.client";
import { DhqClient } from "./clients/dhq/dhq.client";
import { FloorForceClient } from "./clients/floorforce/floorforce.client";
import { NexusClient } from "./clients/nexus/nexus.client";
import { RlmClient } from "./clients/rlm/rlm.client";
import { TwilioConversationsClient } from "./clients/twilio/conversations.client";
import type { ConversationsApi } from "./clients/twilio/conversations.types";
import { type PhoneLookup, TwilioPhoneLookup } from "./clients/twilio/phone-lookup.client";
import { TwilioProxyClient } from "./clients/twilio/twilio-proxy.client";
import type { LeadProcessorConfig } from "./config";
import { ApiKeysTable } from "./db/api-keys.table";
import { createDocumentClient } from "./db/dynamo";
import { LeadStatesTable } from "./db/lead-states.table";
import { OptedOutNumbersTable } from "./db/opted-out-numbers.table";
import { tableNames } from "./db/table-names";

/** Everything the handlers need, built once from configuration; passed in, never global. */
export interface Deps {
    config: LeadProcessorConfig;
    logger: Logger;
    auth: Authorizer;
    tables: {
        apiKeys: ApiKeysTable;
        leadStates: LeadStatesTable;
        optedOutNumbers: OptedOutNumbersTable;
    };
    clients: {
        /** Twilio Conversations: the integration, the message copy and the webhooks use this one client. */
        conversations: ConversationsApi;
        /** The Twilio proxy: opens masked conversations (`POST /sessions`). */
        twilioProxy: TwilioProxyClient;
        nexus: NexusClient;
        phoneLookup: PhoneLookup;
        rlm: RlmClient;
        dhq: DhqClient;
        botpress: BotpressClient;
        acton: ActOnClient;
        floorforce: FloorForceClient;
    };
}

/** The composition root. */
export function buildDeps(config: LeadProcessorConfig, logger?: Logger): Deps {
    const log =
        logger ??
        new Logger({ format: config.LOG_FORMAT, level: config.LOG_LEVEL, base: { service: "lead-processor" } });
    const db = createDocumentClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
    const names = tableNames(config.TABLE_PREFIX);
    const apiKeys = new ApiKeysTable(db, names.apiKeys);
    // The twilio library's own 429 retry stays off (`rateLimitRetries` unset): every Twilio call here runs in a
    // journaled `ctx.run` step (`vendorStep`) that Restate already retries with bounded back-off. A second layer
    // inside the step would multiply the attempts (up to 5 × 4) and keep the step open, unjournaled, while it waits.
    const twilio = createTwilioClient({
        accountSid: config.TWILIO_ACCOUNT_SID,
        authToken: config.TWILIO_AUTH_TOKEN,
        apiBaseUrl: config.TWILIO_API_BASE_URL,
    });
    return {
        config,
        logger: log,
        auth: new Authorizer(
            new ApiKeyDirectory(apiKeys, {
                onBackgroundError: (error) => log.warn("Cannot read the APIKeys table in the background", { error }),
            }),
            config.INTERNAL_API_TOKEN,
            config.API_KEY_RATE_LIMIT === "off" ? undefined : new KeyRateLimiter(config.API_KEY_RATE_LIMIT),
        ),
        tables: {
            apiKeys,
            leadStates: new LeadStatesTable(db, names.leadStates),
            optedOutNumbers: new OptedOutNumbersTable(db, names.optedOutNumbers),
        },
        clients: {
            conversations: new TwilioConversationsClient(twilio),
            twilioProxy: TwilioProxyClient.fromConfig(config),
            nexus: NexusClient.fromConfig(config),
            phoneLookup: new TwilioPhoneLookup(twilio),
            rlm: RlmClient.fromConfig(config),
            dhq: DhqClient.fromConfig(config),
            botpress: BotpressClient.fromConfig(config),
            acton: ActOnClient.fromConfig(config),
            floorforce: FloorForceClient.fromConfig(config),
        },
    };
}
