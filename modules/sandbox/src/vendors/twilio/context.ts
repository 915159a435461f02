import type { Background } from "./background";
import type { Credentials } from "./http";
import type { SignedSender } from "./outbound";
import type { TwilioStore } from "./store";
import type { TimerScheduler } from "./timers";
import type { WebhookDispatcher } from "./webhooks";
import type { WireContext } from "./wire";

/** Everything the Twilio stand-in's routes and operations share. */
export interface TwilioSandbox {
    credentials: Credentials;
    wire: WireContext;
    /** The Messaging Service's inbound webhook (`TwilioWebhooks/onIncomingMessage`), if configured. */
    inboundWebhookUrl: string | undefined;
    store: TwilioStore;
    sender: SignedSender;
    webhooks: WebhookDispatcher;
    timers: TimerScheduler;
    background: Background;
}
