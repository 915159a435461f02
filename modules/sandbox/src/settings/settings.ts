import { z } from "zod";

/** Whether conversation webhooks fire for what the REST API did (see `X-Twilio-Webhook-Enabled`). */
export const RestActionsFireWebhooks = z.enum(["never", "with-header", "always"]);
export type RestActionsFireWebhooks = z.infer<typeof RestActionsFireWebhooks>;
/** Where a keyword text (STOP, START, HELP …) sent inside an open conversation goes. */
export const StopRouting = z.enum(["conversation", "inbound-webhook", "both"]);
export type StopRouting = z.infer<typeof StopRouting>;
/** What a STOP blocks: every number of the Messaging Service, or only the number it was sent to. */
export const OptOutScope = z.enum(["messaging-service", "number"]);
export type OptOutScope = z.infer<typeof OptOutScope>;
/** Retries after a failed conversation webhook delivery (Twilio does not document a number). */
export const WebhookRetries = z.number().int().min(0).max(5);

/**
 * The sandbox's behaviour settings: where the vendors' documentation leaves a behaviour open, each possibility
 * is a value here. The defaults follow the documentation (or, where it is silent, the worst case for the
 * product), never what the product would like. `SETTINGS.md` and the sandbox page list the sources.
 */
export const BehaviourSettings = z.strictObject({
    vendorIdempotency: z.boolean(),
    restActionsFireWebhooks: RestActionsFireWebhooks,
    webhookRetries: WebhookRetries,
    stopRouting: StopRouting,
    optOutScope: OptOutScope,
    fastTimers: z.boolean(),
});
export type BehaviourSettings = z.infer<typeof BehaviourSettings>;

/** `PUT /__sandbox/settings` body: any subset of the settings; an unknown name is refused. */
export const SettingsPatch = BehaviourSettings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Readonly<BehaviourSettings> = Object.freeze({
    vendorIdempotency: false,
    restActionsFireWebhooks: "with-header",
    webhookRetries: 0,
    stopRouting: "conversation",
    optOutScope: "messaging-service",
    fastTimers: false,
});

/** The patch's given values over `base` (a key given as undefined keeps the base value). */
function merged(base: BehaviourSettings, patch: SettingsPatch): BehaviourSettings {
    const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    return BehaviourSettings.parse({ ...base, ...given });
}

/**
 * The one settings object of a sandbox, handed to every vendor stand-in. Vendors read {@link current} when
 * they act, so a `PUT /__sandbox/settings` takes effect on the next request.
 */
export class Settings {
    private readonly initial: BehaviourSettings;
    private values: BehaviourSettings;

    /** `start`: the values given at start (environment variables), over the defaults. */
    constructor(start: SettingsPatch = {}) {
        this.initial = merged(DEFAULT_SETTINGS, start);
        this.values = this.initial;
    }

    get current(): Readonly<BehaviourSettings> {
        return this.values;
    }

    /** The values the sandbox started with (defaults overridden by its environment). */
    get atStart(): Readonly<BehaviourSettings> {
        return this.initial;
    }

    update(patch: SettingsPatch): Readonly<BehaviourSettings> {
        this.values = merged(this.values, patch);
        return this.values;
    }

    /** Back to the values the sandbox started with. */
    reset(): Readonly<BehaviourSettings> {
        this.values = this.initial;
        return this.values;
    }
}
