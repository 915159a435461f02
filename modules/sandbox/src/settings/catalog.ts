import { BehaviourSettings, DEFAULT_SETTINGS, type Settings } from "./settings";

/** Public documentation a setting follows (a page, or a fact about what no page documents). */
export interface Source {
    title: string;
    url?: string;
}

/** What the page and `GET /__sandbox/settings/catalog` say about one setting. */
export interface SettingDescription {
    /** The environment variable that sets it at start (`modules/sandbox/src/config.ts`). */
    env: string;
    /** What the setting changes, and why its default is what it is. */
    summary: string;
    /** The documentation the behaviour (and its default) follows. */
    sources: Source[];
    /** A test-only acceleration, not a behaviour of the real platform. */
    testOnly?: true;
}

const CONVERSATIONS_WEBHOOKS: Source = {
    title: "Twilio: Conversations Webhooks",
    url: "https://www.twilio.com/docs/conversations/conversations-webhooks",
};

/** Every setting, in the order the page shows them. */
export const CATALOG: Record<keyof BehaviourSettings, SettingDescription> = {
    vendorIdempotency: {
        env: "SANDBOX_VENDOR_IDEMPOTENCY",
        summary:
            "RLM, DealerHQ, ActOn and FloorForce honour an Idempotency-Key header only when true. None of them " +
            "documents such a header, so by default a repeated POST creates a second record (ActOn merges by e-mail).",
        sources: [
            { title: "RLM, DealerHQ and FloorForce API documentation: no idempotency header is documented" },
            { title: "Act-On developer documentation (records merge by e-mail)", url: "https://developer.act-on.com/" },
        ],
    },
    restActionsFireWebhooks: {
        env: "SANDBOX_REST_ACTIONS_FIRE_WEBHOOKS",
        summary:
            "Whether conversation-scoped webhooks fire for messages, participants and state changes made through " +
            "the REST API: never; with-header = only when the request carried X-Twilio-Webhook-Enabled: true; " +
            "always = unless it carried X-Twilio-Webhook-Enabled: false. Texts from phones and timers always fire.",
        sources: [
            {
                title: "twilio-oai: X-Twilio-Webhook-Enabled on create/update/delete of conversations, participants, messages",
                url: "https://github.com/twilio/twilio-oai/blob/main/spec/json/twilio_conversations_v1.json",
            },
            CONVERSATIONS_WEBHOOKS,
        ],
    },
    webhookRetries: {
        env: "SANDBOX_WEBHOOK_RETRIES",
        summary:
            "Retries after a conversation webhook delivery fails (each carries RetryCount). Twilio cuts a delivery " +
            "off after 5 s and documents no retry count for conversation-scoped webhooks; queued delivery is Event " +
            "Streams, not webhooks. Default 0: the worst case.",
        sources: [
            CONVERSATIONS_WEBHOOKS,
            { title: "Twilio: Event Streams", url: "https://www.twilio.com/docs/events" },
        ],
    },
    stopRouting: {
        env: "SANDBOX_STOP_ROUTING",
        summary:
            "Where a keyword text (STOP, START, HELP …) on the number pair of an open conversation goes: to the " +
            "conversation only (as Twilio documents for every text on a bound pair), to the Messaging Service " +
            "inbound webhook only, or to both. A text on no open conversation always goes to the inbound webhook.",
        sources: [
            {
                title: "Twilio: Inbound Message Handling & Autocreation",
                url: "https://www.twilio.com/docs/conversations/inbound-autocreation",
            },
        ],
    },
    optOutScope: {
        env: "SANDBOX_OPT_OUT_SCOPE",
        summary:
            "What a STOP blocks: every number of the Messaging Service (sends fail with 21610 until START), or only " +
            "the (phone, pool number) pair it was texted to.",
        sources: [
            {
                title: "Twilio: Advanced Opt-Out for Messaging Services",
                url: "https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out",
            },
            { title: "Twilio error 21610", url: "https://www.twilio.com/docs/api/errors/21610" },
        ],
    },
    fastTimers: {
        env: "SANDBOX_FAST_TIMERS",
        summary:
            "Test-only acceleration: Twilio's timer minimums (Timers.Inactive ≥ 1 minute, Timers.Closed ≥ 10 " +
            "minutes, errors 50375/50376) still apply to what is set, but every conversation timer elapses 60× " +
            "faster (PT1M = 1 s, PT10M = 10 s).",
        sources: [
            {
                title: "Twilio: Conversation resource (Timers.Inactive, Timers.Closed)",
                url: "https://www.twilio.com/docs/conversations/api/conversation-resource",
            },
            { title: "Twilio error 50375", url: "https://www.twilio.com/docs/api/errors/50375" },
            { title: "Twilio error 50376", url: "https://www.twilio.com/docs/api/errors/50376" },
        ],
        testOnly: true,
    },
};

/** Each setting with its current value, its default and the documentation it follows. */
export function describeSettings(settings: Settings) {
    return BehaviourSettings.keyof().options.map((name) => ({
        name,
        value: settings.current[name],
        default: DEFAULT_SETTINGS[name],
        ...CATALOG[name],
    }));
}
